import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";
import { BUCKET_PAB } from "../../lib/types";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const s3PublicAccessBlockAll = resourcePolicy({
  name: "aws-s3-bucket-public-access-block-require-all",
  description: "Bucket public access blocks turn on all four settings.",
  severity: "critical",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:S3.8", "CIS-AWS-3.0:2.1.4", "PCI-DSS-4.0.1:1.4.1"],
  remediationSteps:
    "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true. Serve public content through CloudFront with OAC.",
  types: BUCKET_PAB,
  validate: (r) => {
    const off = FLAGS.filter((f) => !isUnknown(r.props[f]) && !isTrue(r.props[f]));
    if (off.length > 0) r.report(`${off.join(", ")} not true. Turn all four settings on.`);
  },
  remediate: (r) => {
    const off = FLAGS.filter((f) => !isUnknown(r.props[f]) && !isTrue(r.props[f]));
    return off.length > 0 ? Object.fromEntries(off.map((f) => [f, true])) : undefined;
  },
});
