import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const kinesisStreamRequireKms = resourcePolicy({
  name: "aws-kinesis-stream-require-kms",
  description: "Kinesis data streams encrypt records with a customer-managed KMS key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:Kinesis.1"],
  remediationSteps: 'Set encryptionType: "KMS" and kmsKeyId to a customer-managed key.',
  types: ["aws:kinesis/stream:Stream"],
  validate: (r) => {
    if (
      requireThat(
        r,
        "encryptionType",
        (v) => v === "KMS",
        (v) => `encryptionType is ${String(v ?? "unset (NONE)")}: records are stored unencrypted. Use KMS.`,
      )
    )
      requireThat(
        r,
        "kmsKeyId",
        (v) => isSet(v) && v !== "alias/aws/kinesis",
        "No customer-managed kmsKeyId (alias/aws/kinesis or none). Name a customer-managed key.",
      );
  },
});
