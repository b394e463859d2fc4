import { NODE_GROUPS } from "../../lib/eks";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

interface Config {
  minimumSubnets: number;
}

export const nodeGroupMultiAz = resourcePolicy<Config>({
  name: "aws-eks-node-group-require-multi-az",
  description: "Managed node groups span subnets in at least the configured number of availability zones (one subnet per zone).",
  severity: "medium",
  topic: "availability",
  category: "availability",
  controls: { none: "Availability design rule." },
  remediationSteps: "Pass the private subnets of every zone as subnetIds.",
  config: { minimumSubnets: { type: "integer", minimum: 1, default: 2, description: "Minimum number of subnets (zones)." } },
  types: NODE_GROUPS,
  validate: (r) => {
    const ids = r.props.subnetIds;
    // Subnet ids are usually unknown at first preview (computed by the VPC); a known list is counted.
    if (isUnknown(ids)) return r.undecided("subnetIds", ids);
    const n = Array.isArray(ids) ? ids.length : 0;
    if (n < r.config.minimumSubnets)
      r.report(`The node group uses ${n} subnet(s); span at least ${r.config.minimumSubnets} zones.`);
  },
});
