import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const rdsSnapshotCopyRequireKms = resourcePolicy({
  name: "aws-rds-snapshot-copy-require-kms",
  description: "DB snapshot copies are encrypted with a customer-managed key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: { none: "No Security Hub control names snapshot copies; the rule follows checkov CKV_AWS_266." },
  remediationSteps: "Set kmsKeyId to a customer-managed key.",
  types: ["aws:rds/snapshotCopy:SnapshotCopy"],
  validate: (r) => {
    requireThat(r, "kmsKeyId", present, "No kmsKeyId: the copy uses the AWS managed key (or none). Name a customer-managed key.");
  },
});
