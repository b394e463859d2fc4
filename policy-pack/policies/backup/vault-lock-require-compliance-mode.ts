import { atLeast, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const backupVaultLockRequireComplianceMode = resourcePolicy({
  name: "aws-backup-vault-lock-require-compliance-mode",
  description:
    "Backup vault locks are in compliance mode (changeableForDays set): after the grace time not even the root user can remove the lock.",
  severity: "medium",
  topic: "data-protection",
  category: "security",
  controls: { none: "Security Hub has no vault-lock control; compliance mode is how AWS Backup makes retention immutable." },
  remediationSteps: "Set changeableForDays (3 or more); the lock becomes immutable after that many days.",
  types: ["aws:backup/vaultLockConfiguration:VaultLockConfiguration"],
  validate: (r) => {
    requireThat(
      r,
      "changeableForDays",
      atLeast(3),
      (v) =>
        `changeableForDays is ${String(v ?? "unset (governance mode)")}: privileged users can remove the lock. Set at least 3 days to enter compliance mode.`,
    );
  },
});
