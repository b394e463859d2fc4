import { resourcePolicy } from "../../lib/policy";
import { isSet, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const ecrKms = resourcePolicy({
  name: "aws-ecr-repository-require-kms",
  description: "ECR repositories encrypt images with a customer-managed KMS key.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:3.5.1"],
  remediationSteps:
    'Set encryptionConfigurations [{ encryptionType: "KMS", kmsKey: <key ARN> }] (it can only be set at creation).',
  types: [T.ecrRepository],
  validate: (r) => {
    const cfg = r.props.encryptionConfigurations;
    if (isUnknown(cfg)) return r.undecided("encryptionConfigurations", cfg);
    const c = ((cfg ?? []) as Record<string, unknown>[])[0] ?? {};
    if (c.encryptionType !== "KMS" && c.encryptionType !== "KMS_DSSE")
      return r.report(`encryptionType is ${String(c.encryptionType ?? "AES256 (default)")}; use KMS.`);
    if (!isSet(c.kmsKey)) r.report("No kmsKey: the AWS-managed aws/ecr key would be used. Set the customer-managed key.");
  },
});
