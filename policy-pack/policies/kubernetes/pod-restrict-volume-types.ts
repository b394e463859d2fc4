import { podSpec, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

const ALLOWED = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

export const podRestrictVolumeTypes = resourcePolicy({
  name: "kubernetes-pod-restrict-volume-types",
  description:
    "Pods use only the volume types the Pod Security Standards (restricted) allow: configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret.",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    "Replace the volume with an allowed type (a PersistentVolumeClaim for storage, a projected volume for tokens).",
  types: WORKLOAD_TYPES,
  validate: (r) => {
    const pod = podSpec(r.type, r.props);
    if ("unknownAt" in pod) return r.undecided(pod.unknownAt, pod.value);
    const volumes = pod.spec.volumes;
    if (isUnknown(volumes)) return r.undecided(`${pod.path}.volumes`, volumes);
    for (const v of (volumes ?? []) as Record<string, unknown>[]) {
      const kinds = Object.keys(v).filter((k) => k !== "name");
      const bad = kinds.filter((k) => !ALLOWED.includes(k));
      if (bad.length > 0) r.report(`Volume ${String(v.name)} is of type ${bad.join(", ")}. Allowed: ${ALLOWED.join(", ")}.`);
    }
  },
});
