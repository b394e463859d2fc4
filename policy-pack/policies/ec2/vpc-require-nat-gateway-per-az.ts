import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const vpcNatPerAz = resourcePolicy({
  name: "aws-ec2-vpc-require-nat-gateway-per-az",
  description: "awsx VPCs use one NAT gateway per availability zone, so losing a zone does not cut egress for the others.",
  severity: "medium",
  topic: "availability",
  category: "availability",
  controls: { none: "Availability design rule." },
  remediationSteps: 'Set natGateways.strategy "OnePerAz" (advisory in dev, where "Single" saves cost).',
  types: [T.awsxVpc],
  validate: (r) => {
    const s = get(r.props, "natGateways.strategy") ?? "OnePerAz"; // awsx default
    if (isUnknown(s)) return r.undecided("natGateways.strategy", s);
    if (s !== "OnePerAz") r.report(`natGateways.strategy is ${String(s)}; use OnePerAz.`);
  },
});
