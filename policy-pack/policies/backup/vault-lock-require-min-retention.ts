import { atLeast, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  minimumDays: number;
}

export const backupVaultLockRequireMinRetention = resourcePolicy<Config>({
  name: "aws-backup-vault-lock-require-min-retention",
  description:
    "Backup vault locks keep every recovery point for at least the configured days (default 7), so nobody can delete recent backups early.",
  severity: "high",
  topic: "data-protection",
  category: "security",
  controls: {
    none: "Security Hub has no vault-lock control; AWS Backup documents Vault Lock as the protection against deletion of recovery points.",
  },
  remediationSteps: "Set minRetentionDays (at least 7).",
  config: {
    minimumDays: { type: "integer", minimum: 1, default: 7, description: "Shortest lock retention in days." },
  },
  types: ["aws:backup/vaultLockConfiguration:VaultLockConfiguration"],
  validate: (r) => {
    requireThat(
      r,
      "minRetentionDays",
      atLeast(r.config.minimumDays),
      (v) =>
        `minRetentionDays is ${String(v ?? "unset")}: recovery points can be deleted early. Lock them for at least ${r.config.minimumDays} days.`,
    );
  },
});
