import { atLeast, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  minimumDays: number;
}

export const elasticacheReplicationGroupRequireSnapshotRetention = resourcePolicy<Config>({
  name: "aws-elasticache-replication-group-require-snapshot-retention",
  description: "ElastiCache replication groups keep automatic daily snapshots for at least the configured days (default 1).",
  severity: "medium",
  topic: "data-protection",
  category: "availability",
  controls: ["FSBP:ElastiCache.1"],
  remediationSteps: "Set snapshotRetentionLimit to at least 1 (days).",
  config: {
    minimumDays: { type: "integer", minimum: 1, default: 1, description: "Shortest snapshot retention in days." },
  },
  types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
  validate: (r) => {
    requireThat(
      r,
      "snapshotRetentionLimit",
      atLeast(r.config.minimumDays),
      (v) => `snapshotRetentionLimit is ${String(v ?? "unset (0, no snapshots)")}; keep at least ${r.config.minimumDays} day(s).`,
    );
  },
});
