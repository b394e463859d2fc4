import { notOn, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { list } from "../../lib/props";

export const ec2LaunchTemplateDisallowPublicIp = resourcePolicy({
  name: "aws-ec2-launch-template-disallow-public-ip",
  description: "Launch templates and instances do not ask for a public IPv4 address.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:EC2.9"],
  remediationSteps: "Set associatePublicIpAddress: false (or leave it out) and place instances in private subnets.",
  types: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance"],
  validate: (r) => {
    if (r.type === "aws:ec2/instance:Instance")
      return void requireThat(
        r,
        "associatePublicIpAddress",
        notOn,
        "associatePublicIpAddress is true: the instance is reachable from the internet. Turn it off.",
      );
    const nics = list(r.props.networkInterfaces);
    if (nics === undefined) return r.undecided("networkInterfaces", r.props.networkInterfaces);
    nics.forEach((_, i) =>
      requireThat(
        r,
        `networkInterfaces.${i}.associatePublicIpAddress`,
        notOn,
        `networkInterfaces.${i}.associatePublicIpAddress is true. Turn it off.`,
      ),
    );
  },
});
