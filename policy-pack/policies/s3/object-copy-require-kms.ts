import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const s3ObjectCopyRequireKms = resourcePolicy({
  name: "aws-s3-object-copy-require-kms",
  description: "S3 object copies are encrypted with SSE-KMS under a customer-managed key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: { none: "No Security Hub control names object copies; the rule follows checkov CKV_AWS_181." },
  remediationSteps: "Set kmsKeyId to a customer-managed key.",
  types: ["aws:s3/objectCopy:ObjectCopy"],
  validate: (r) => {
    requireThat(r, "kmsKeyId", present, "No kmsKeyId: the copy uses the AWS managed key (or none). Name a customer-managed key.");
  },
});
