import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const elasticacheReplicationGroupRequireTransitEncryption = resourcePolicy({
  name: "aws-elasticache-replication-group-require-transit-encryption",
  description: "ElastiCache replication groups require TLS for every client connection.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:ElastiCache.5"],
  remediationSteps:
    'Set transitEncryptionEnabled: true and transitEncryptionMode: "required" (use "preferred" only while migrating clients).',
  types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
  validate: (r) => {
    if (
      requireThat(r, "transitEncryptionEnabled", on, "transitEncryptionEnabled is off: clients talk in plain text. Turn TLS on.")
    )
      requireThat(
        r,
        "transitEncryptionMode",
        (v) => v === undefined || v === "required",
        (v) => `transitEncryptionMode is ${String(v)}: plain-text clients are still accepted. Set it to required.`,
      );
  },
});
