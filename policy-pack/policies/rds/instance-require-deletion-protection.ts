import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const rdsDeletionProtection = resourcePolicy({
  name: "aws-rds-instance-require-deletion-protection",
  description: "RDS instances and clusters have deletion protection on.",
  severity: "high",
  topic: "data-protection",
  category: "availability",
  controls: ["FSBP:RDS.8", "FSBP:RDS.7"],
  remediationSteps:
    "Set deletionProtection: true on the instance or cluster (turn it off only to delete the database on purpose).",
  types: [T.rdsInstance, T.rdsCluster],
  validate: (r) => {
    if (isUnknown(r.props.deletionProtection)) return r.undecided("deletionProtection", r.props.deletionProtection);
    if (!isTrue(r.props.deletionProtection)) r.report("deletionProtection is off. Turn it on.");
  },
});
