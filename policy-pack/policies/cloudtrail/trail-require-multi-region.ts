import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const cloudtrailTrailRequireMultiRegion = resourcePolicy({
  name: "aws-cloudtrail-trail-require-multi-region",
  description:
    "CloudTrail trails record every region and the global services (IAM, STS, CloudFront), so no region is a blind spot.",
  severity: "high",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:CloudTrail.1", "CIS-AWS-3.0:3.1"],
  remediationSteps: "Set isMultiRegionTrail: true and includeGlobalServiceEvents: true on the trail.",
  types: ["aws:cloudtrail/trail:Trail"],
  validate: (r) => {
    if (
      requireThat(r, "isMultiRegionTrail", on, "isMultiRegionTrail is off: API calls in other regions go unrecorded. Turn it on.")
    )
      requireThat(
        r,
        "includeGlobalServiceEvents",
        (v) => v === undefined || on(v),
        "includeGlobalServiceEvents is off: IAM and STS calls go unrecorded. Turn it on.",
      );
  },
});
