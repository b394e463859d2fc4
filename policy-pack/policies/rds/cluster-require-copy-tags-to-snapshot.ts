import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const rdsClusterRequireCopyTagsToSnapshot = resourcePolicy({
  name: "aws-rds-cluster-require-copy-tags-to-snapshot",
  description: "RDS clusters copy their tags (owner, DataClassification) to snapshots.",
  severity: "low",
  topic: "tagging",
  category: "security",
  controls: ["FSBP:RDS.16"],
  remediationSteps: "Set copyTagsToSnapshot: true.",
  types: ["aws:rds/cluster:Cluster"],
  validate: (r) => {
    requireThat(
      r,
      "copyTagsToSnapshot",
      on,
      "copyTagsToSnapshot is off: snapshots lose the classification and owner tags. Turn it on.",
    );
  },
});
