import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const rdsInstanceAutomatedBackupsReplicationRequireKms = resourcePolicy({
  name: "aws-rds-instance-automated-backups-replication-require-kms",
  description: "Cross-region replicated automated backups are encrypted with a customer-managed key of the destination region.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: { none: "No Security Hub control; the rule follows checkov CKV_AWS_245." },
  remediationSteps: "Set kmsKeyId to a customer-managed key.",
  types: ["aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"],
  validate: (r) => {
    requireThat(r, "kmsKeyId", present, "No kmsKeyId: the copy uses the AWS managed key (or none). Name a customer-managed key.");
  },
});
