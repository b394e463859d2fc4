import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const ebsEncryptionByDefaultRequireEnabled = resourcePolicy({
  name: "aws-ebs-encryption-by-default-require-enabled",
  description: "EBS encryption by default is on in the region, so every new volume and snapshot copy is encrypted.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:EC2.7", "CIS-AWS-3.0:2.2.1"],
  remediationSteps: "Set enabled: true (pair it with aws.ebs.DefaultKmsKey for a customer-managed default key).",
  types: ["aws:ebs/encryptionByDefault:EncryptionByDefault"],
  validate: (r) => {
    requireThat(
      r,
      "enabled",
      (v) => v === undefined || on(v),
      "enabled is false: new volumes may be created unencrypted. Turn EBS encryption by default on.",
    );
  },
});
