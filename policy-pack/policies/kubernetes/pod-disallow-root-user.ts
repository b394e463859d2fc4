import { eachContainer, effective, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const podDisallowRootUser = resourcePolicy({
  name: "kubernetes-pod-disallow-root-user",
  description: "Pods and containers do not set runAsUser 0 (Pod Security Standards, restricted: running as non-root user).",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set runAsUser to the image\u2019s unprivileged uid (10001 here), or leave it unset with runAsNonRoot: true.",
  types: WORKLOAD_TYPES,
  validate: (r) => {
    eachContainer(r, (c, pod) => {
      const v = effective(pod, c.c, "runAsUser");
      if (isUnknown(v)) return void r.undecided(`${c.where}.securityContext.runAsUser`, v);
      return v !== undefined && Number(v) === 0 ? "runAsUser is 0 (root). Use an unprivileged uid." : undefined;
    });
  },
});
