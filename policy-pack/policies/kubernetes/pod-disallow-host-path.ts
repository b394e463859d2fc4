import { podSpec, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const k8sNoHostPath = resourcePolicy({
  name: "kubernetes-pod-disallow-host-path",
  description: "Pods mount no hostPath volumes.",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Use emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim instead of hostPath.",
  types: WORKLOAD_TYPES,
  validate: (r) => {
    const pod = podSpec(r.type, r.props);
    if ("unknownAt" in pod) return r.undecided(pod.unknownAt, pod.value);
    const volumes = pod.spec.volumes;
    if (isUnknown(volumes)) return r.undecided(`${pod.path}.volumes`, volumes);
    for (const v of (volumes ?? []) as Record<string, unknown>[]) {
      if (v.hostPath !== undefined) r.report(`Volume ${String(v.name)} is a hostPath volume. Use another volume type.`);
    }
  },
});
