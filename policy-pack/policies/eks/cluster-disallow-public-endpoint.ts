import { clusterSetting, EKS_CLUSTERS } from "../../lib/eks";
import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";

interface Config {
  allowPublicEndpoint: boolean;
}

export const eksNoPublicEndpoint = resourcePolicy<Config>({
  name: "aws-eks-cluster-disallow-public-endpoint",
  description: "The EKS API endpoint is private (public access off); dev may allow it from listed CIDRs via config.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:EKS.1", "PCI-DSS-4.0.1:1.3.1", "PCI-DSS-4.0.1:1.4.1"],
  remediationSteps:
    "Set endpointPublicAccess: false and endpointPrivateAccess: true; deploy in-cluster resources from inside the VPC. Set allowPublicEndpoint only in the config of stacks that need it (with listed CIDRs).",
  config: {
    allowPublicEndpoint: {
      type: "boolean",
      default: false,
      description: "Allow a public endpoint (restricted CIDRs still required).",
    },
  },
  types: EKS_CLUSTERS,
  validate: (r) => {
    const [path, pub] = clusterSetting(r.type, r.props, "publicAccess");
    if (isUnknown(pub)) return r.undecided(path, pub);
    if (isTrue(pub) && !r.config.allowPublicEndpoint) r.report(`${path} is true (the default). Turn the public endpoint off.`);
  },
});
