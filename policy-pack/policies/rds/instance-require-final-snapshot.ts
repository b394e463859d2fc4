import { resourcePolicy } from "../../lib/policy";
import { isSet, isTrue, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const rdsFinalSnapshot = resourcePolicy({
  name: "aws-rds-instance-require-final-snapshot",
  description: "Deleting an RDS instance or cluster takes a final snapshot.",
  severity: "high",
  topic: "data-protection",
  category: "availability",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set skipFinalSnapshot: false and a finalSnapshotIdentifier. Read replicas are exempt.",
  types: [T.rdsInstance, T.rdsCluster],
  validate: (r) => {
    if (r.type === T.rdsInstance && isSet(r.props.replicateSourceDb)) return;
    if (isUnknown(r.props.skipFinalSnapshot)) return r.undecided("skipFinalSnapshot", r.props.skipFinalSnapshot);
    // The provider's default for skipFinalSnapshot is false, which then requires an identifier.
    if (isTrue(r.props.skipFinalSnapshot)) return r.report("skipFinalSnapshot is true. Set it to false.");
    if (!isSet(r.props.finalSnapshotIdentifier))
      r.report("No finalSnapshotIdentifier: deletion would fail or lose the data. Set one.");
  },
});
