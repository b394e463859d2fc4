import { eachContainer } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

export const k8sProbes = resourcePolicy({
  name: "kubernetes-pod-require-probes",
  description: "Long-running containers declare readiness and liveness probes.",
  severity: "medium",
  topic: "workload",
  category: "availability",
  controls: { none: "Availability rule." },
  remediationSteps: "Add readinessProbe and livenessProbe (httpGet on the health endpoint, or tcpSocket/exec).",
  // Jobs run to completion; probes are for long-running workloads.
  types: [T.pod, T.deployment, T.statefulSet, T.daemonSet],
  validate: (r) =>
    eachContainer(r, ({ c, init }) => {
      if (init) return undefined;
      const missing = ["readinessProbe", "livenessProbe"].filter((p) => c[p] === undefined);
      return missing.length > 0 ? `no ${missing.join(" or ")}. Add them.` : undefined;
    }),
});
