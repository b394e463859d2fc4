import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";

export const s3AccessPointRequirePublicAccessBlock = resourcePolicy({
  name: "aws-s3-access-point-require-public-access-block",
  description: "S3 access points block every form of public access (all four settings on).",
  severity: "critical",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:S3.19"],
  remediationSteps:
    "Set publicAccessBlockConfiguration with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true (or leave the block out: the defaults are all true).",
  types: ["aws:s3/accessPoint:AccessPoint"],
  validate: (r) => {
    const c = get(r.props, "publicAccessBlockConfiguration");
    if (isUnknown(c)) return r.undecided("publicAccessBlockConfiguration", c);
    if (c === undefined) return; // Every setting defaults to true.
    for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"])
      requireThat(
        r,
        `publicAccessBlockConfiguration.${k}`,
        (v) => v === undefined || on(v),
        `publicAccessBlockConfiguration.${k} is false. Set it to true.`,
      );
  },
});
