import { eachContainer, effective, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const k8sRunAsNonRoot = resourcePolicy({
  name: "kubernetes-pod-require-run-as-non-root",
  description: "Containers run as a non-root user (runAsNonRoot true at pod or container level, or a non-zero runAsUser).",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set securityContext.runAsNonRoot: true (and runAsUser to the image's non-root UID).",
  types: WORKLOAD_TYPES,
  validate: (r) =>
    eachContainer(r, ({ c, where }, pod) => {
      const nonRoot = effective(pod, c, "runAsNonRoot");
      const user = effective(pod, c, "runAsUser");
      const uid = isUnknown(user) || user === undefined ? undefined : Number(user);
      if (uid === 0) return "runAsUser is 0 (root). Run as a non-root UID.";
      // runAsNonRoot true makes the kubelet refuse to start a container as root, whatever the UID.
      if (nonRoot === true || (uid !== undefined && uid > 0)) return undefined;
      if (isUnknown(user)) return void r.undecided(`${where}.securityContext.runAsUser`, user);
      if (isUnknown(nonRoot)) return void r.undecided(`${where}.securityContext.runAsNonRoot`, nonRoot);
      return "runAsNonRoot is not true. Set it.";
    }),
});
