import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const podDisallowHostPorts = resourcePolicy({
  name: "kubernetes-pod-disallow-host-ports",
  description:
    "Containers bind no host ports (hostPort unset or 0): a host port bypasses NetworkPolicies and pins the pod to a node (Pod Security Standards, baseline).",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: ["PCI-DSS-4.0.1:1.3.1"],
  remediationSteps: "Remove hostPort and expose the container through a Service.",
  types: WORKLOAD_TYPES,
  validate: (r) => {
    eachContainer(r, (c) => {
      const ports = c.c.ports;
      if (isUnknown(ports)) return void r.undecided(`${c.where}.ports`, ports);
      for (const p of (ports ?? []) as Record<string, unknown>[]) {
        if (isUnknown(p.hostPort)) return void r.undecided(`${c.where}.ports`, p.hostPort);
        if (p.hostPort !== undefined && Number(p.hostPort) !== 0)
          return `hostPort ${String(p.hostPort)} is bound. Use a Service instead.`;
      }
      return undefined;
    });
  },
});
