import { clusterSetting, EKS_CLUSTERS } from "../../lib/eks";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

interface Config {
  requiredLogTypes: string[];
}

export const eksControlPlaneLogs = resourcePolicy<Config>({
  name: "aws-eks-cluster-require-control-plane-logs",
  description:
    "EKS clusters send the control-plane logs (api, audit, authenticator, controllerManager, scheduler) to CloudWatch.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:EKS.8", "PCI-DSS-4.0.1:10.2.1"],
  remediationSteps: "Set enabledClusterLogTypes to every required type.",
  config: {
    requiredLogTypes: {
      type: "array",
      items: { type: "string" },
      default: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      description: "Control-plane log types that must be on.",
    },
  },
  types: EKS_CLUSTERS,
  validate: (r) => {
    const [path, v] = clusterSetting(r.type, r.props, "logTypes");
    if (isUnknown(v)) return r.undecided(path, v);
    const on = (v ?? []) as unknown[];
    const missing = r.config.requiredLogTypes.filter((t) => !on.includes(t));
    if (missing.length > 0) r.report(`Control-plane logs off: ${missing.join(", ")}. Add them to enabledClusterLogTypes.`);
  },
});
