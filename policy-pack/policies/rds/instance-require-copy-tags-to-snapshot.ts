import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const rdsInstanceRequireCopyTagsToSnapshot = resourcePolicy({
  name: "aws-rds-instance-require-copy-tags-to-snapshot",
  description: "RDS instances copy their tags (owner, DataClassification) to snapshots.",
  severity: "low",
  topic: "tagging",
  category: "security",
  controls: ["FSBP:RDS.17"],
  remediationSteps: "Set copyTagsToSnapshot: true.",
  types: ["aws:rds/instance:Instance"],
  validate: (r) => {
    requireThat(
      r,
      "copyTagsToSnapshot",
      on,
      "copyTagsToSnapshot is off: snapshots lose the classification and owner tags. Turn it on.",
    );
  },
});
