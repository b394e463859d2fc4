import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown, tagsOf } from "../../lib/props";
import { T } from "../../lib/types";

interface Config {
  publicTierTag: string;
}

export const subnetNoPublicIp = resourcePolicy<Config>({
  name: "aws-ec2-subnet-disallow-public-ip-mapping",
  description: "Only public-tier subnets (tagged for internet-facing load balancers) map public IPs on launch.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:EC2.15", "PCI-DSS-4.0.1:1.4.4"],
  remediationSteps:
    "Set mapPublicIpOnLaunch: false on private and isolated subnets; public subnets carry the tag `kubernetes.io/role/elb`.",
  config: {
    publicTierTag: { type: "string", default: "kubernetes.io/role/elb", description: "Tag key marking the public tier." },
  },
  types: [T.subnet],
  validate: (r) => {
    const v = r.props.mapPublicIpOnLaunch;
    if (isUnknown(v)) return r.undecided("mapPublicIpOnLaunch", v);
    if (!isTrue(v)) return;
    const tags = tagsOf(r.props);
    if (!tags) return r.undecided("tags", r.props.tags);
    if (!tags[r.config.publicTierTag])
      r.report(`mapPublicIpOnLaunch is true on a subnet without the ${r.config.publicTierTag} tag. Turn it off.`);
  },
});
