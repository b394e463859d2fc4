import { on, present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const efsFileSystemRequireKms = resourcePolicy({
  name: "aws-efs-file-system-require-kms",
  description: "EFS file systems are encrypted at rest with a customer-managed KMS key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:EFS.8", "FSBP:EFS.1", "CIS-AWS-3.0:2.4.1"],
  remediationSteps: "Set encrypted: true and kmsKeyId (at creation; changing either replaces the file system).",
  types: ["aws:efs/fileSystem:FileSystem"],
  validate: (r) => {
    if (requireThat(r, "encrypted", on, "encrypted is off: files are stored unencrypted. Encrypt the file system (replaces it)."))
      requireThat(r, "kmsKeyId", present, "No kmsKeyId: the AWS managed key is used. Name a customer-managed key.");
  },
});
