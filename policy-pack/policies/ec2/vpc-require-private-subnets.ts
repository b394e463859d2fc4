import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const vpcPrivateSubnets = resourcePolicy({
  name: "aws-ec2-vpc-require-private-subnets",
  description: "awsx VPCs declare private (NAT egress) and isolated (no internet route) subnet tiers, not only public ones.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["PCI-DSS-4.0.1:1.4.4", "PCI-DSS-4.0.1:1.3.1"],
  remediationSteps:
    'List subnetSpecs with type "Public" (load balancers), "Private" (nodes, pods) and "Isolated" (databases); never run workloads in public subnets.',
  types: [T.awsxVpc],
  validate: (r) => {
    const specs = r.props.subnetSpecs;
    if (isUnknown(specs)) return r.undecided("subnetSpecs", specs);
    // Without subnetSpecs awsx creates one Public and one Private subnet per zone (no isolated tier).
    const types = specs === undefined ? ["Public", "Private"] : (specs as { type?: unknown }[]).map((s) => String(s.type));
    const missing = ["Private", "Isolated"].filter((t) => !types.includes(t));
    if (missing.length > 0) r.report(`subnetSpecs lack the ${missing.join(" and ")} tier(s). Declare them.`);
  },
});
