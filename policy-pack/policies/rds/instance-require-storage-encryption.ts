import { resourcePolicy } from "../../lib/policy";
import { isSet, isTrue, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const rdsStorageEncryption = resourcePolicy({
  name: "aws-rds-instance-require-storage-encryption",
  description: "RDS instances and read replicas encrypt storage with a customer-managed KMS key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:RDS.3", "CIS-AWS-3.0:2.3.1", "PCI-DSS-4.0.1:3.5.1"],
  remediationSteps:
    "Set storageEncrypted: true and kmsKeyId to the database key's ARN. A replica in another region needs a key of that region; a same-region replica inherits the source's key.",
  types: [T.rdsInstance],
  validate: (r) => {
    const replica = isSet(r.props.replicateSourceDb);
    // A same-region replica inherits encryption from its source; AWS rejects kmsKeyId only if it differs.
    if (!replica || r.props.storageEncrypted !== undefined) {
      if (isUnknown(r.props.storageEncrypted)) r.undecided("storageEncrypted", r.props.storageEncrypted);
      else if (!isTrue(r.props.storageEncrypted))
        r.report("storageEncrypted is not true. Encrypt the storage with the database key.");
    }
    if (!isSet(r.props.kmsKeyId))
      r.report("No kmsKeyId: the AWS-managed aws/rds key would be used. Set the customer-managed key's ARN.");
  },
});
