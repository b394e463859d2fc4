import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const cloudtrailTrailRequireKms = resourcePolicy({
  name: "aws-cloudtrail-trail-require-kms",
  description:
    "CloudTrail trails encrypt their log files with a customer-managed KMS key (SSE-KMS), so reading them needs a key grant.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:CloudTrail.2", "CIS-AWS-3.0:3.5"],
  remediationSteps: "Set kmsKeyId to a customer-managed key whose policy lets cloudtrail.amazonaws.com encrypt for this trail.",
  types: ["aws:cloudtrail/trail:Trail"],
  validate: (r) => {
    requireThat(r, "kmsKeyId", present, "No kmsKeyId: log files are only SSE-S3 encrypted. Name a customer-managed KMS key.");
  },
});
