import { podSpec, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";

/** The baseline profile's safe set (Kubernetes Pod Security Standards, v1.32). */
const SAFE = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
]);

export const podRestrictSysctls = resourcePolicy({
  name: "kubernetes-pod-restrict-sysctls",
  description: "Pods set only the namespaced sysctls the Pod Security Standards (baseline) call safe.",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Remove the sysctl, or run the workload on a dedicated node pool configured for it.",
  types: WORKLOAD_TYPES,
  validate: (r) => {
    const pod = podSpec(r.type, r.props);
    if ("unknownAt" in pod) return r.undecided(pod.unknownAt, pod.value);
    const sysctls = get(pod.spec, "securityContext.sysctls");
    if (isUnknown(sysctls)) return r.undecided(`${pod.path}.securityContext.sysctls`, sysctls);
    for (const s of (sysctls ?? []) as Record<string, unknown>[]) {
      if (isUnknown(s.name)) return r.undecided(`${pod.path}.securityContext.sysctls`, s.name);
      if (!SAFE.has(String(s.name))) r.report(`sysctl ${String(s.name)} is not in the safe set. Remove it.`);
    }
  },
});
