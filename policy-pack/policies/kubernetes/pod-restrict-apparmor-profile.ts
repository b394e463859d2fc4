import { eachContainer, effective, podMetadata, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const podRestrictApparmorProfile = resourcePolicy({
  name: "kubernetes-pod-restrict-apparmor-profile",
  description:
    "Pods do not switch AppArmor off: profiles are RuntimeDefault or Localhost (field or annotation), never Unconfined (Pod Security Standards, baseline).",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    "Remove appArmorProfile type Unconfined (and the unconfined annotation); leave the default or name a localhost profile.",
  types: WORKLOAD_TYPES,
  validate: (r) => {
    const meta = podMetadata(r.type, r.props);
    if ("unknownAt" in meta) return r.undecided(meta.unknownAt, meta.value);
    const ann = meta.meta.annotations;
    if (isUnknown(ann)) return r.undecided(`${meta.path}.annotations`, ann);
    for (const [k, v] of Object.entries((ann ?? {}) as Record<string, unknown>)) {
      if (!k.startsWith("container.apparmor.security.beta.kubernetes.io/")) continue;
      if (isUnknown(v)) return r.undecided(`${meta.path}.annotations.${k}`, v);
      if (!(v === "runtime/default" || (typeof v === "string" && v.startsWith("localhost/"))))
        r.report(`Annotation ${k} is ${String(v)}. Use runtime/default or localhost/<profile>.`);
    }
    eachContainer(r, (c, pod) => {
      const t = effective(pod, c.c, "appArmorProfile.type");
      if (isUnknown(t)) return void r.undecided(`${c.where}.securityContext.appArmorProfile.type`, t);
      return t === undefined || t === "RuntimeDefault" || t === "Localhost"
        ? undefined
        : `appArmorProfile.type is ${String(t)}. Use RuntimeDefault or Localhost.`;
    });
  },
});
