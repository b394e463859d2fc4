import { resourcePolicy } from "../../lib/policy";
import { isSet, isUnknown, list } from "../../lib/props";
import { BUCKET_SSE } from "../../lib/types";

export const s3SseRequireKms = resourcePolicy({
  name: "aws-s3-bucket-sse-require-kms",
  description: "Bucket encryption configurations use SSE-KMS (or DSSE-KMS) with a customer-managed key and S3 Bucket Keys.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0:3.5.1"],
  remediationSteps:
    "In the aws.s3.BucketServerSideEncryptionConfiguration set sseAlgorithm `aws:kms`, kmsMasterKeyId to the data key's ARN and bucketKeyEnabled true.",
  types: BUCKET_SSE,
  validate: (r) => {
    const rules = list(r.props.rules);
    if (!rules) return r.undecided("rules", r.props.rules);
    if (rules.length === 0) return r.report("No encryption rule. Add one with sseAlgorithm aws:kms and a customer-managed key.");
    for (const [i, rule] of (
      rules as { applyServerSideEncryptionByDefault?: Record<string, unknown>; bucketKeyEnabled?: unknown }[]
    ).entries()) {
      const d = rule.applyServerSideEncryptionByDefault ?? {};
      if (isUnknown(d.sseAlgorithm)) r.undecided(`rules.${i}.applyServerSideEncryptionByDefault.sseAlgorithm`, d.sseAlgorithm);
      else if (d.sseAlgorithm !== "aws:kms" && d.sseAlgorithm !== "aws:kms:dsse") {
        r.report(`rules[${i}] uses ${String(d.sseAlgorithm ?? "no algorithm")}; use aws:kms with a customer-managed key.`);
      }
      if (!isSet(d.kmsMasterKeyId))
        r.report(`rules[${i}] names no kmsMasterKeyId; the AWS-managed key would be used. Set the data key's ARN.`);
      if (rule.bucketKeyEnabled !== true && !isUnknown(rule.bucketKeyEnabled))
        r.report(`rules[${i}] has bucketKeyEnabled off; turn it on to cut KMS requests.`);
    }
  },
});
