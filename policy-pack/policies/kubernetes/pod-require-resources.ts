import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get } from "../../lib/props";

interface Config {
  requiredRequests: string[];
  requiredLimits: string[];
}

export const k8sResources = resourcePolicy<Config>({
  name: "kubernetes-pod-require-resources",
  description: "Containers declare CPU and memory requests and limits.",
  severity: "medium",
  topic: "workload",
  category: "availability",
  controls: { none: "Capacity and noisy-neighbour rule; no CIS AWS or PCI DSS control." },
  remediationSteps: "Set resources.requests {cpu, memory} and resources.limits {cpu, memory} on every container.",
  config: {
    requiredRequests: { type: "array", items: { type: "string" }, default: ["cpu", "memory"], description: "Required requests." },
    requiredLimits: { type: "array", items: { type: "string" }, default: ["cpu", "memory"], description: "Required limits." },
  },
  types: WORKLOAD_TYPES,
  validate: (r) =>
    eachContainer(r, ({ c }) => {
      const missing = [
        ...r.config.requiredRequests.filter((k) => get(c, `resources.requests.${k}`) === undefined).map((k) => `requests.${k}`),
        ...r.config.requiredLimits.filter((k) => get(c, `resources.limits.${k}`) === undefined).map((k) => `limits.${k}`),
      ];
      return missing.length > 0 ? `missing resources ${missing.join(", ")}. Set them.` : undefined;
    }),
});
