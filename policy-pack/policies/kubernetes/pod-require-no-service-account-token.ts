import { requireThat } from "../../lib/checks";
import { podSpec, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get } from "../../lib/props";

interface Config {
  apiClients: string[];
}

export const podRequireNoServiceAccountToken = resourcePolicy<Config>({
  name: "kubernetes-pod-require-no-service-account-token",
  description:
    "Pods do not mount a Kubernetes API token unless they call the API: automountServiceAccountToken is false on the pod, or the pod is listed (Kyverno best practice restrict-automount-sa-token).",
  severity: "medium",
  topic: "workload",
  category: "security",
  controls: ["PCI-DSS-4.0.1:7.2.1"],
  remediationSteps:
    "Set automountServiceAccountToken: false in the pod template; list controllers that need the API in apiClients (by workload name).",
  config: {
    apiClients: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Workload names (metadata.name) that call the Kubernetes API.",
    },
  },
  types: WORKLOAD_TYPES,
  validate: (r) => {
    const name = get(r.props, "metadata.name");
    if (typeof name === "string" && r.config.apiClients.includes(name)) return;
    const pod = podSpec(r.type, r.props);
    if ("unknownAt" in pod) return r.undecided(pod.unknownAt, pod.value);
    requireThat(
      { ...r, props: pod.spec },
      "automountServiceAccountToken",
      (v) => v === false || v === "false",
      `${pod.path}.automountServiceAccountToken is not false: every container gets an API token. Set it to false, or list the workload in apiClients.`,
    );
  },
});
