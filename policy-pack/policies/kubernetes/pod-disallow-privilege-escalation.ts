import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get } from "../../lib/props";

export const k8sNoPrivilegeEscalation = resourcePolicy({
  name: "kubernetes-pod-disallow-privilege-escalation",
  description: "Containers set allowPrivilegeEscalation: false (no setuid gains).",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: ["PCI-DSS-4.0.1:2.2.1"],
  remediationSteps: "Set securityContext.allowPrivilegeEscalation: false on every container.",
  types: WORKLOAD_TYPES,
  validate: (r) =>
    eachContainer(r, ({ c }) =>
      get(c, "securityContext.allowPrivilegeEscalation") === false
        ? undefined
        : "allowPrivilegeEscalation is not false. Set it to false.",
    ),
});
