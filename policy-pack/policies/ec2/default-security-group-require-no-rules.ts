import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const defaultSgClosed = resourcePolicy({
  name: "aws-ec2-default-security-group-require-no-rules",
  description: "The VPC's default security group has no ingress and no egress rules.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:EC2.2", "CIS-AWS-3.0:5.4"],
  remediationSteps:
    "Adopt the default group with aws.ec2.DefaultSecurityGroup and no ingress/egress; give every resource its own group.",
  types: [T.defaultSecurityGroup],
  validate: (r) => {
    for (const dir of ["ingress", "egress"]) {
      const v = r.props[dir];
      if (isUnknown(v)) r.undecided(dir, v);
      else if (Array.isArray(v) && v.length > 0)
        r.report(`The default security group has ${v.length} ${dir} rule(s). Remove them.`);
    }
  },
});
