import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const rdsNotPublic = resourcePolicy({
  name: "aws-rds-instance-disallow-public-access",
  description: "RDS instances are not publicly accessible.",
  severity: "critical",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:RDS.2", "CIS-AWS-3.0:2.3.3", "PCI-DSS-4.0.1:1.4.4"],
  remediationSteps: "Set publiclyAccessible: false and place the instance in the isolated subnets' DB subnet group.",
  types: [T.rdsInstance],
  validate: (r) => {
    if (isUnknown(r.props.publiclyAccessible)) return r.undecided("publiclyAccessible", r.props.publiclyAccessible);
    if (isTrue(r.props.publiclyAccessible)) r.report("publiclyAccessible is true. Set it to false.");
  },
});
