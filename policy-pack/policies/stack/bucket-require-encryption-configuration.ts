import { stackPolicy } from "../../lib/policy";
import { ofTypes, refersTo } from "../../lib/stack";
import { BUCKET_SSE, BUCKETS } from "../../lib/types";

export const bucketHasSse = stackPolicy({
  name: "aws-s3-bucket-require-encryption-configuration",
  description: "Every bucket has a server-side encryption configuration (with v7's split resources it is a separate resource).",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:3.5.1"],
  remediationSteps:
    "Create an aws.s3.BucketServerSideEncryptionConfiguration with bucket = the bucket's id, sseAlgorithm aws:kms and the data key.",
  validate: (s) => {
    const configs = ofTypes(s.resources, BUCKET_SSE);
    for (const b of ofTypes(s.resources, BUCKETS)) {
      if (!configs.some((c) => refersTo(c, "bucket", b, ["id", "bucket"])))
        s.report(`Bucket ${b.name} has no encryption configuration. Add one.`, b.urn);
    }
  },
});
