import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get } from "../../lib/props";

interface Config {
  allowedAddedCapabilities: string[];
}

export const k8sDropAllCapabilities = resourcePolicy<Config>({
  name: "kubernetes-pod-require-drop-all-capabilities",
  description: "Containers drop ALL Linux capabilities and add back at most NET_BIND_SERVICE.",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    'Set securityContext.capabilities { drop: ["ALL"] } and add only what the Pod Security "restricted" profile allows.',
  config: {
    allowedAddedCapabilities: {
      type: "array",
      items: { type: "string" },
      default: ["NET_BIND_SERVICE"],
      description: "Capabilities that may be added.",
    },
  },
  types: WORKLOAD_TYPES,
  validate: (r) =>
    eachContainer(r, ({ c }) => {
      const drop = (get(c, "securityContext.capabilities.drop") ?? []) as unknown[];
      const add = (get(c, "securityContext.capabilities.add") ?? []) as unknown[];
      if (!Array.isArray(drop) || !drop.includes("ALL"))
        return 'capabilities.drop does not include "ALL". Drop all capabilities.';
      const extra = Array.isArray(add) ? add.filter((x) => !r.config.allowedAddedCapabilities.includes(String(x))) : [];
      return extra.length > 0 ? `capabilities.add includes ${extra.join(", ")}. Remove them.` : undefined;
    }),
});
