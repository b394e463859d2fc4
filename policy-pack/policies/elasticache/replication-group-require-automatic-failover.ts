import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const elasticacheReplicationGroupRequireAutomaticFailover = resourcePolicy({
  name: "aws-elasticache-replication-group-require-automatic-failover",
  description: "ElastiCache replication groups fail over automatically to a replica in another zone (Multi-AZ).",
  severity: "medium",
  topic: "availability",
  category: "availability",
  controls: ["FSBP:ElastiCache.3"],
  remediationSteps:
    "Set automaticFailoverEnabled: true and multiAzEnabled: true with at least two nodes (numCacheClusters >= 2).",
  types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
  validate: (r) => {
    if (
      requireThat(
        r,
        "automaticFailoverEnabled",
        on,
        "automaticFailoverEnabled is off: losing the primary means an outage until it is replaced. Turn it on.",
      )
    )
      requireThat(r, "multiAzEnabled", on, "multiAzEnabled is off: the replica may sit in the primary's zone. Turn it on.");
  },
});
