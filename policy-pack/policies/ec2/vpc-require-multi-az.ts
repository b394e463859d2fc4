import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

interface Config {
  minimumZones: number;
}

export const vpcMultiAz = resourcePolicy<Config>({
  name: "aws-ec2-vpc-require-multi-az",
  description: "awsx VPCs span at least the configured number of availability zones.",
  severity: "medium",
  topic: "availability",
  category: "availability",
  controls: { none: "Availability design rule." },
  remediationSteps: "Give the network at least the configured number of availabilityZoneNames (or numberOfAvailabilityZones).",
  config: { minimumZones: { type: "integer", minimum: 1, default: 3, description: "Minimum number of zones." } },
  types: [T.awsxVpc],
  validate: (r) => {
    const names = r.props.availabilityZoneNames;
    if (isUnknown(names)) return r.undecided("availabilityZoneNames", names);
    const count = Array.isArray(names) ? names.length : Number(r.props.numberOfAvailabilityZones ?? 3); // awsx default 3
    if (count < r.config.minimumZones) r.report(`The VPC spans ${count} zone(s); use at least ${r.config.minimumZones}.`);
  },
});
