import { oneOf, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const efsBackupPolicyRequireEnabled = resourcePolicy({
  name: "aws-efs-backup-policy-require-enabled",
  description: "EFS file systems have automatic AWS Backup backups enabled.",
  severity: "medium",
  topic: "data-protection",
  category: "availability",
  controls: ["FSBP:EFS.2"],
  remediationSteps: 'Set backupPolicy { status: "ENABLED" }.',
  types: ["aws:efs/backupPolicy:BackupPolicy"],
  validate: (r) => {
    requireThat(
      r,
      "backupPolicy.status",
      oneOf(["ENABLED", "ENABLING"]),
      (v) => `backupPolicy.status is ${String(v)}. Enable automatic backups.`,
    );
  },
});
