import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

/**
 * The tag of a DR-region VPC in pilot light: it serves no traffic until a failover, so it needs no
 * NAT redundancy (or no NAT at all); a failover replaces the tag and the strategy together.
 */
export const PILOT_LIGHT_TAG = { key: "DrState", value: "pilot-light" } as const;

export const vpcNatPerAz = resourcePolicy({
  name: "aws-ec2-vpc-require-nat-gateway-per-az",
  description: "awsx VPCs use one NAT gateway per availability zone, so losing a zone does not cut egress for the others.",
  severity: "medium",
  topic: "availability",
  category: "availability",
  controls: { none: "Availability design rule." },
  remediationSteps:
    'Set natGateways.strategy "OnePerAz" (advisory in dev, where "Single" saves cost). A DR-region VPC in pilot light (tag DrState=pilot-light) may use "None" or "Single".',
  types: [T.awsxVpc],
  validate: (r) => {
    const s = get(r.props, "natGateways.strategy") ?? "OnePerAz"; // awsx default
    if (isUnknown(s)) return r.undecided("natGateways.strategy", s);
    if (get(r.props, `tags.${PILOT_LIGHT_TAG.key}`) === PILOT_LIGHT_TAG.value && (s === "None" || s === "Single")) return;
    if (s !== "OnePerAz") r.report(`natGateways.strategy is ${String(s)}; use OnePerAz.`);
  },
});
