import { on, present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const rdsClusterRequireStorageEncryption = resourcePolicy({
  name: "aws-rds-cluster-require-storage-encryption",
  description: "Aurora and Multi-AZ DB clusters encrypt storage with a customer-managed KMS key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:RDS.27", "CIS-AWS-3.0:2.3.1"],
  remediationSteps:
    "Set storageEncrypted: true and kmsKeyId (at creation; encrypting later means restoring from an encrypted snapshot copy).",
  types: ["aws:rds/cluster:Cluster"],
  validate: (r) => {
    if (isSet(r.props.replicationSourceIdentifier) || isSet(r.props.globalClusterIdentifier)) {
      if (!isSet(r.props.kmsKeyId)) r.report("No kmsKeyId on a replica or global cluster member: name the key of this region.");
      return;
    }
    if (requireThat(r, "storageEncrypted", on, "storageEncrypted is not true: the cluster stores data unencrypted. Encrypt it."))
      requireThat(r, "kmsKeyId", present, "No kmsKeyId: the AWS managed key is used. Name a customer-managed key.");
  },
});
