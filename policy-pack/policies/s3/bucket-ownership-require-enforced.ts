import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";
import { BUCKET_OWNERSHIP } from "../../lib/types";

export const s3OwnershipEnforced = resourcePolicy({
  name: "aws-s3-bucket-ownership-require-bucket-owner-enforced",
  description: "Bucket ownership controls use BucketOwnerEnforced, which disables ACLs.",
  severity: "medium",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:S3.12", "PCI-DSS-4.0.1:7.2.1"],
  remediationSteps: 'Set rule.objectOwnership to "BucketOwnerEnforced" and grant access with bucket policies only.',
  types: BUCKET_OWNERSHIP,
  validate: (r) => {
    const v = get(r.props, "rule.objectOwnership");
    if (isUnknown(v)) return r.undecided("rule.objectOwnership", v);
    if (v !== "BucketOwnerEnforced") r.report(`objectOwnership is ${String(v)}; use BucketOwnerEnforced (ACLs disabled).`);
  },
});
