import { eachContainer, podSpec, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";

const TYPES = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"];
function problem(o: unknown): string | undefined {
  if (o === undefined || o === null) return undefined;
  const x = o as Record<string, unknown>;
  if (x.user !== undefined || x.role !== undefined) return "seLinuxOptions sets user or role. Remove them.";
  if (x.type !== undefined && x.type !== "" && !TYPES.includes(String(x.type)))
    return `seLinuxOptions.type is ${String(x.type)}. Use ${TYPES.join(", ")}.`;
  return undefined;
}

export const podRestrictSelinuxOptions = resourcePolicy({
  name: "kubernetes-pod-restrict-selinux-options",
  description:
    "Pods and containers set no SELinux user or role, and only the container_t, container_init_t, container_kvm_t or container_engine_t types (Pod Security Standards, baseline).",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Remove seLinuxOptions.user and .role; use an allowed type or leave the type unset.",
  types: WORKLOAD_TYPES,
  validate: (r) => {
    const pod = podSpec(r.type, r.props);
    if ("unknownAt" in pod) return r.undecided(pod.unknownAt, pod.value);
    const own = get(pod.spec, "securityContext.seLinuxOptions");
    if (isUnknown(own)) return r.undecided(`${pod.path}.securityContext.seLinuxOptions`, own);
    const p = problem(own);
    if (p) r.report(`${pod.path}: ${p}`);
    eachContainer(r, (c) => {
      const o = get(c.c, "securityContext.seLinuxOptions");
      if (isUnknown(o)) return void r.undecided(`${c.where}.securityContext.seLinuxOptions`, o);
      return problem(o);
    });
  },
});
