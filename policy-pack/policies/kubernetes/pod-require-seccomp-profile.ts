import { eachContainer, effective, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const podRequireSeccompProfile = resourcePolicy({
  name: "kubernetes-pod-require-seccomp-profile",
  description:
    "Pods run under a seccomp profile (RuntimeDefault or Localhost), set on the pod or on every container; Unconfined is forbidden (Pod Security Standards, restricted).",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: 'Set spec.securityContext.seccompProfile { type: "RuntimeDefault" } in the pod template.',
  types: WORKLOAD_TYPES,
  validate: (r) => {
    eachContainer(r, (c, pod) => {
      const t = effective(pod, c.c, "seccompProfile.type");
      if (isUnknown(t)) return void r.undecided(`${c.where}.securityContext.seccompProfile.type`, t);
      if (t === "RuntimeDefault" || t === "Localhost") return undefined;
      return t === undefined
        ? "no seccomp profile. Set seccompProfile.type RuntimeDefault."
        : `seccompProfile.type is ${String(t)}. Use RuntimeDefault or Localhost.`;
    });
  },
});
