import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get } from "../../lib/props";

export const k8sNoPrivilegeEscalation = resourcePolicy({
  name: "kubernetes-pod-disallow-privilege-escalation",
  description: "Containers set allowPrivilegeEscalation: false (no setuid gains).",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set securityContext.allowPrivilegeEscalation: false on every container.",
  types: WORKLOAD_TYPES,
  validate: (r) =>
    eachContainer(r, ({ c }) =>
      get(c, "securityContext.allowPrivilegeEscalation") === false
        ? undefined
        : "allowPrivilegeEscalation is not false. Set it to false.",
    ),
});
