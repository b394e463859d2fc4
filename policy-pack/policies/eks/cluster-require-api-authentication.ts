import { clusterSetting, EKS_CLUSTERS } from "../../lib/eks";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const eksApiAuthentication = resourcePolicy({
  name: "aws-eks-cluster-require-api-authentication",
  description: "EKS clusters authenticate with access entries only (authenticationMode API), not the aws-auth ConfigMap.",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["PCI-DSS-4.0.1:7.2.1", "PCI-DSS-4.0.1:8.2.1"],
  remediationSteps:
    'Set authenticationMode "API" and grant access through access entries. The move from CONFIG_MAP is one-way: start in API mode.',
  types: EKS_CLUSTERS,
  validate: (r) => {
    const [path, mode] = clusterSetting(r.type, r.props, "authMode");
    if (isUnknown(mode)) return r.undecided(path, mode);
    if (mode !== "API") r.report(`${path} is ${String(mode)}; use API (access entries).`);
  },
});
