import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const backupVaultRequireKms = resourcePolicy({
  name: "aws-backup-vault-require-kms",
  description: "AWS Backup vaults encrypt recovery points with a customer-managed KMS key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:Backup.1"],
  remediationSteps:
    "Set kmsKeyArn on the vault to a customer-managed key (a separate key per vault keeps a compromised workload key from reaching its backups).",
  types: ["aws:backup/vault:Vault"],
  validate: (r) => {
    requireThat(
      r,
      "kmsKeyArn",
      present,
      "No kmsKeyArn: recovery points use the AWS managed key. Name a customer-managed KMS key.",
    );
  },
});
