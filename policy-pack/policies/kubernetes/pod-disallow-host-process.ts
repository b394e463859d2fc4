import { eachContainer, effective, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";

export const podDisallowHostProcess = resourcePolicy({
  name: "kubernetes-pod-disallow-host-process",
  description:
    "Windows pods do not run as HostProcess containers, which have full access to the node (Pod Security Standards, baseline).",
  severity: "critical",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Remove windowsOptions.hostProcess (and hostNetwork for Windows pods).",
  types: WORKLOAD_TYPES,
  validate: (r) => {
    eachContainer(r, (c, pod) => {
      const v = effective(pod, c.c, "windowsOptions.hostProcess");
      if (isUnknown(v)) return void r.undecided(`${c.where}.securityContext.windowsOptions.hostProcess`, v);
      return isTrue(v) ? "runs as a Windows HostProcess container. Remove windowsOptions.hostProcess." : undefined;
    });
  },
});
