import { podSpec, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const k8sNoHostNamespaces = resourcePolicy({
  name: "kubernetes-pod-disallow-host-namespaces",
  description: "Pods do not share the node's network, PID or IPC namespace.",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Remove hostNetwork, hostPID and hostIPC (expose ports through a Service).",
  types: WORKLOAD_TYPES,
  validate: (r) => {
    const pod = podSpec(r.type, r.props);
    if ("unknownAt" in pod) return r.undecided(pod.unknownAt, pod.value);
    for (const k of ["hostNetwork", "hostPID", "hostIPC"]) {
      const v = pod.spec[k];
      if (isUnknown(v)) r.undecided(`${pod.path}.${k}`, v);
      else if (v === true) r.report(`${pod.path}.${k} is true. Remove it.`);
    }
  },
});
