import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isSet, isUnknown } from "../../lib/props";

export const s3BucketObjectRequireKms = resourcePolicy({
  name: "aws-s3-bucket-object-require-kms",
  description: "S3 objects managed as resources are encrypted with SSE-KMS under a customer-managed key.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: {
    none: "No Security Hub control names objects; bucket default encryption is S3.17. The rule follows checkov CKV_AWS_186.",
  },
  remediationSteps:
    'Set serverSideEncryption: "aws:kms" and kmsKeyId (or rely on a bucket default SSE-KMS configuration and set neither).',
  types: ["aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2"],
  validate: (r) => {
    const sse = r.props.serverSideEncryption;
    if (isUnknown(sse)) return r.undecided("serverSideEncryption", sse);
    if (sse === undefined && !isSet(r.props.kmsKeyId)) return; // The bucket's default encryption applies.
    if (
      requireThat(
        r,
        "serverSideEncryption",
        (v) => v === "aws:kms" || v === "aws:kms:dsse",
        (v) => `serverSideEncryption is ${String(v)}: the object overrides the bucket's KMS default. Use aws:kms.`,
      )
    )
      requireThat(
        r,
        "kmsKeyId",
        present,
        "SSE-KMS without kmsKeyId: the AWS managed key aws/s3 is used. Name a customer-managed key.",
      );
  },
});
