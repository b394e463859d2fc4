import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get } from "../../lib/props";

export const k8sReadOnlyRootFs = resourcePolicy({
  name: "kubernetes-pod-require-read-only-root-filesystem",
  description: "Containers mount their root filesystem read-only.",
  severity: "medium",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the process must write.",
  types: WORKLOAD_TYPES,
  validate: (r) =>
    eachContainer(r, ({ c }) =>
      get(c, "securityContext.readOnlyRootFilesystem") === true ? undefined : "readOnlyRootFilesystem is not true. Set it.",
    ),
});
