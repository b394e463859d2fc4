import { stackPolicy } from "../../lib/policy";
import { ofTypes, refersTo } from "../../lib/stack";
import { BUCKET_PAB, BUCKETS } from "../../lib/types";

export const bucketHasPab = stackPolicy({
  name: "aws-s3-bucket-require-public-access-block",
  description: "Every bucket has its own BucketPublicAccessBlock.",
  severity: "critical",
  topic: "exposure",
  category: "security",
  controls: ["CIS-AWS-3.0:2.1.4", "PCI-DSS-4.0.1:1.4.1"],
  remediationSteps: "Create an aws.s3.BucketPublicAccessBlock with bucket = the bucket's id and all four settings true.",
  validate: (s) => {
    const blocks = ofTypes(s.resources, BUCKET_PAB);
    for (const b of ofTypes(s.resources, BUCKETS)) {
      if (!blocks.some((p) => refersTo(p, "bucket", b, ["id", "bucket"])))
        s.report(`Bucket ${b.name} has no public access block. Add one.`, b.urn);
    }
  },
});
