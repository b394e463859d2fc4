import { resourcePolicy } from "../../lib/policy";
import { get, isSet, list } from "../../lib/props";

export const s3BucketLifecycleRequireAbortIncompleteUploads = resourcePolicy({
  name: "aws-s3-bucket-lifecycle-require-abort-incomplete-uploads",
  description: "S3 lifecycle configurations abort incomplete multipart uploads, whose parts are stored (and billed) invisibly.",
  severity: "low",
  topic: "data-protection",
  category: "cost",
  controls: { none: "Cost hygiene; no benchmark control. The rule follows checkov CKV_AWS_300." },
  remediationSteps: "Add abortIncompleteMultipartUpload { daysAfterInitiation: 7 } to an enabled rule.",
  types: [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  ],
  validate: (r) => {
    const rules = list(r.props.rules);
    if (rules === undefined) return r.undecided("rules", r.props.rules);
    const ok = rules.some((x) => {
      const rule = x as Record<string, unknown>;
      return rule.status === "Enabled" && isSet(get(rule, "abortIncompleteMultipartUpload.daysAfterInitiation"));
    });
    if (!ok) r.report("No enabled rule aborts incomplete multipart uploads. Add abortIncompleteMultipartUpload to one.");
  },
});
