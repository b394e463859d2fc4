import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const rdsGlobalClusterRequireStorageEncryption = resourcePolicy({
  name: "aws-rds-global-cluster-require-storage-encryption",
  description: "Aurora global databases encrypt storage in every region.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: {
    none: "No Security Hub control names global clusters; CIS 2.3.1 asks for encrypted RDS storage. The rule follows checkov CKV_AWS_140.",
  },
  remediationSteps: "Set storageEncrypted: true.",
  types: ["aws:rds/globalCluster:GlobalCluster"],
  validate: (r) => {
    requireThat(r, "storageEncrypted", on, "storageEncrypted is not true. Encrypt the global database.");
  },
});
