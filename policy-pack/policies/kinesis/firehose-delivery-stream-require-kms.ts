import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const kinesisFirehoseDeliveryStreamRequireKms = resourcePolicy({
  name: "aws-kinesis-firehose-delivery-stream-require-kms",
  description:
    "Firehose delivery streams encrypt buffered records with a customer-managed key (server-side encryption), and their S3 destination with SSE-KMS.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:DataFirehose.1"],
  remediationSteps:
    'Set serverSideEncryption { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn } (for a Kinesis stream source, encrypt the stream instead).',
  types: ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"],
  validate: (r) => {
    if (isSet(r.props.kinesisSourceConfiguration)) return; // Encryption is the source stream's.
    if (
      requireThat(
        r,
        "serverSideEncryption.enabled",
        on,
        "serverSideEncryption is off: buffered records are not encrypted with our key. Enable it.",
      )
    )
      requireThat(
        r,
        "serverSideEncryption.keyType",
        (v) => v === "CUSTOMER_MANAGED_CMK",
        (v) => `serverSideEncryption.keyType is ${String(v ?? "unset (AWS_OWNED_CMK)")}. Use CUSTOMER_MANAGED_CMK with keyArn.`,
      );
  },
});
