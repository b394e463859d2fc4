import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get } from "../../lib/props";

export const k8sNoPrivileged = resourcePolicy({
  name: "kubernetes-pod-disallow-privileged",
  description: "No container runs privileged.",
  severity: "critical",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Remove securityContext.privileged (or set false); grant a specific capability if one is truly needed.",
  types: WORKLOAD_TYPES,
  validate: (r) =>
    eachContainer(r, ({ c }) => (get(c, "securityContext.privileged") === true ? "privileged is true. Remove it." : undefined)),
});
