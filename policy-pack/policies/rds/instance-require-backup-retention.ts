import { resourcePolicy } from "../../lib/policy";
import { isSet, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

interface Config {
  minimumDays: number;
}

export const rdsBackupRetention = resourcePolicy<Config>({
  name: "aws-rds-instance-require-backup-retention",
  description: "RDS instances and clusters keep automated backups for at least the configured number of days.",
  severity: "high",
  topic: "data-protection",
  category: "availability",
  controls: ["FSBP:RDS.11"],
  remediationSteps:
    "Set backupRetentionPeriod (instances, clusters) to at least the configured minimum. Read replicas are exempt (AWS keeps no backups for them).",
  config: { minimumDays: { type: "integer", minimum: 1, maximum: 35, default: 7, description: "Minimum retention in days." } },
  types: [T.rdsInstance, T.rdsCluster],
  validate: (r) => {
    if (r.type === T.rdsInstance && isSet(r.props.replicateSourceDb)) return;
    const days = r.props.backupRetentionPeriod ?? (r.type === T.rdsCluster ? 1 : 0); // AWS defaults (API: 1 for clusters, provider: 0 for instances)
    if (isUnknown(days)) return r.undecided("backupRetentionPeriod", days);
    if (Number(days) < r.config.minimumDays)
      r.report(`backupRetentionPeriod is ${String(days)}; keep at least ${r.config.minimumDays} days.`);
  },
});
