import { atLeast, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isSet, isUnknown } from "../../lib/props";

export const elasticacheClusterRequireSnapshotRetention = resourcePolicy({
  name: "aws-elasticache-cluster-require-snapshot-retention",
  description: "Single-node Redis and Valkey ElastiCache clusters keep automatic snapshots (Memcached has no persistence).",
  severity: "medium",
  topic: "data-protection",
  category: "availability",
  controls: ["FSBP:ElastiCache.1"],
  remediationSteps: "Set snapshotRetentionLimit to at least 1 (days).",
  types: ["aws:elasticache/cluster:Cluster"],
  validate: (r) => {
    if (isUnknown(r.props.engine)) return r.undecided("engine", r.props.engine);
    if (r.props.engine === "memcached" || isSet(r.props.replicationGroupId)) return;
    requireThat(
      r,
      "snapshotRetentionLimit",
      atLeast(1),
      (v) => `snapshotRetentionLimit is ${String(v ?? "unset (0)")}: no automatic snapshots. Keep at least 1 day.`,
    );
  },
});
