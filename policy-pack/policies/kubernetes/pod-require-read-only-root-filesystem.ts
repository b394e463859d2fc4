import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get } from "../../lib/props";

export const k8sReadOnlyRootFs = resourcePolicy({
  name: "kubernetes-pod-require-read-only-root-filesystem",
  description: "Containers mount their root filesystem read-only.",
  severity: "medium",
  topic: "workload",
  category: "security",
  controls: ["PCI-DSS-4.0.1:2.2.1"],
  remediationSteps: "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the process must write.",
  types: WORKLOAD_TYPES,
  validate: (r) =>
    eachContainer(r, ({ c }) =>
      get(c, "securityContext.readOnlyRootFilesystem") === true ? undefined : "readOnlyRootFilesystem is not true. Set it.",
    ),
});
