import { resourcePolicy } from "../../lib/policy";
import { isSet, isUnknown, list } from "../../lib/props";
import { BUCKET_SSE } from "../../lib/types";

interface Config {
  sseS3Buckets: string[];
}

export const s3SseRequireKms = resourcePolicy<Config>({
  name: "aws-s3-bucket-sse-require-kms",
  description: "Bucket encryption configurations use SSE-KMS (or DSSE-KMS) with a customer-managed key and S3 Bucket Keys.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:3.5.1"],
  remediationSteps:
    "In the aws.s3.BucketServerSideEncryptionConfiguration set sseAlgorithm `aws:kms`, kmsMasterKeyId to the data key's ARN and bucketKeyEnabled true.",
  config: {
    sseS3Buckets: {
      type: "array",
      items: { type: "string" },
      // ALB access logs can only be written to SSE-S3 buckets (ELB guide, "Enable access logs for
      // your Application Load Balancer", bucket requirements): such buckets are named here per stack.
      default: [],
      description:
        "Names of buckets whose writer supports only SSE-S3 (AES256), e.g. ALB access-log buckets; a trailing * matches any name with that prefix (names that end in the account and region).",
    },
  },
  types: BUCKET_SSE,
  validate: (r) => {
    const rules = list(r.props.rules);
    if (!rules) return r.undecided("rules", r.props.rules);
    if (rules.length === 0) return r.report("No encryption rule. Add one with sseAlgorithm aws:kms and a customer-managed key.");
    const bucket = r.props.bucket;
    const sseS3Only =
      typeof bucket === "string" &&
      r.config.sseS3Buckets.some((n) => (n.endsWith("*") ? n.length > 1 && bucket.startsWith(n.slice(0, -1)) : n === bucket));
    for (const [i, rule] of (
      rules as { applyServerSideEncryptionByDefault?: Record<string, unknown>; bucketKeyEnabled?: unknown }[]
    ).entries()) {
      const d = rule.applyServerSideEncryptionByDefault ?? {};
      if (sseS3Only && d.sseAlgorithm === "AES256") continue;
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
