import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const elasticacheReplicationGroupRequireAtRestEncryption = resourcePolicy({
  name: "aws-elasticache-replication-group-require-at-rest-encryption",
  description: "ElastiCache replication groups encrypt data at rest (snapshots and swap included).",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:ElastiCache.4"],
  remediationSteps: "Set atRestEncryptionEnabled: true (set at creation; changing it replaces the group).",
  types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
  validate: (r) => {
    requireThat(r, "atRestEncryptionEnabled", on, "atRestEncryptionEnabled is off. Turn it on (replaces the group).");
  },
});
