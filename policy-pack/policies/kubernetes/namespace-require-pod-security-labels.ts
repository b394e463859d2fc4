import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

interface Config {
  allowedLevels: string[];
  privilegedNamespaces: string[];
}

export const k8sPodSecurityLabels = resourcePolicy<Config>({
  name: "kubernetes-namespace-require-pod-security-labels",
  description:
    "Namespaces enforce a Pod Security Standard level (restricted or baseline) with the pod-security.kubernetes.io/enforce label.",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    'Label the namespace pod-security.kubernetes.io/enforce: "restricted" (and warn/audit). A namespace that must run privileged agents is listed in privilegedNamespaces.',
  config: {
    allowedLevels: {
      type: "array",
      items: { type: "string" },
      default: ["restricted", "baseline"],
      description: "Allowed enforce levels.",
    },
    privilegedNamespaces: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Namespaces (metadata.name) allowed to enforce `privileged`, e.g. a node-agent namespace; document why.",
    },
  },
  types: [T.namespace],
  validate: (r) => {
    const labels = get(r.props, "metadata.labels");
    if (isUnknown(labels)) return r.undecided("metadata.labels", labels);
    const level = (labels as Record<string, unknown> | undefined)?.["pod-security.kubernetes.io/enforce"];
    if (isUnknown(level)) return r.undecided("metadata.labels.pod-security.kubernetes.io/enforce", level);
    const name = String(get(r.props, "metadata.name") ?? "");
    const allowed = r.config.privilegedNamespaces.includes(name)
      ? [...r.config.allowedLevels, "privileged"]
      : r.config.allowedLevels;
    if (!allowed.includes(String(level))) {
      r.report(`pod-security.kubernetes.io/enforce is ${String(level ?? "unset")}; use ${r.config.allowedLevels.join(" or ")}.`);
    }
  },
});
