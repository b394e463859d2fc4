import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";

export const k8sRunAsNonRoot = resourcePolicy({
  name: "kubernetes-pod-require-run-as-non-root",
  description: "Containers run as a non-root user (runAsNonRoot true at pod or container level, or a non-zero runAsUser).",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set securityContext.runAsNonRoot: true (and runAsUser to the image's non-root UID).",
  types: WORKLOAD_TYPES,
  validate: (r) =>
    eachContainer(r, ({ c }, pod) => {
      const nonRoot = get(c, "securityContext.runAsNonRoot") ?? get(pod, "securityContext.runAsNonRoot");
      const user = get(c, "securityContext.runAsUser") ?? get(pod, "securityContext.runAsUser");
      if (isUnknown(nonRoot) || isUnknown(user)) return undefined;
      if (user !== undefined && Number(user) === 0) return "runAsUser is 0 (root). Run as a non-root UID.";
      if (nonRoot !== true && !(user !== undefined && Number(user) > 0)) return "runAsNonRoot is not true. Set it.";
      return undefined;
    }),
});
