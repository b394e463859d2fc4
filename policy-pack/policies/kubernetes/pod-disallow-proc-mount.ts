import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";

export const podDisallowProcMount = resourcePolicy({
  name: "kubernetes-pod-disallow-proc-mount",
  description:
    "Containers keep the default /proc mount (procMount Default): Unmasked exposes host kernel details (Pod Security Standards, baseline).",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Remove securityContext.procMount or set it to Default.",
  types: WORKLOAD_TYPES,
  validate: (r) => {
    eachContainer(r, (c) => {
      const v = get(c.c, "securityContext.procMount");
      if (isUnknown(v)) return void r.undecided(`${c.where}.securityContext.procMount`, v);
      return v === undefined || v === "Default" ? undefined : `procMount is ${String(v)}. Use Default.`;
    });
  },
});
