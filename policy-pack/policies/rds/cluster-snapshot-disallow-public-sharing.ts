import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { list } from "../../lib/props";

export const rdsClusterSnapshotDisallowPublicSharing = resourcePolicy({
  name: "aws-rds-cluster-snapshot-disallow-public-sharing",
  description: 'DB cluster snapshots are not shared with all AWS accounts (sharedAccounts "all").',
  severity: "critical",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:RDS.1"],
  remediationSteps: "Share with named account ids only (copy to the DR account instead of sharing publicly).",
  types: ["aws:rds/clusterSnapshot:ClusterSnapshot"],
  validate: (r) => {
    requireThat(
      r,
      "sharedAccounts",
      (v) => !(list(v) ?? []).some((a) => String(a).toLowerCase() === "all"),
      "sharedAccounts includes all: every AWS account can restore this snapshot. Share with named accounts.",
    );
  },
});
