import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const elasticacheReplicationGroupRequireKms = resourcePolicy({
  name: "aws-elasticache-replication-group-require-kms",
  description: "ElastiCache replication groups encrypt at rest with a customer-managed KMS key.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: {
    none: "Security Hub checks encryption at rest (ElastiCache.4), not the key; a customer-managed key adds a key policy and CloudTrail record per use.",
  },
  remediationSteps: "Set kmsKeyId to a customer-managed key.",
  types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
  validate: (r) => {
    requireThat(
      r,
      "kmsKeyId",
      present,
      "No kmsKeyId: data is encrypted with the AWS managed key. Name a customer-managed KMS key.",
    );
  },
});
