import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const cloudtrailTrailRequireLoggingEnabled = resourcePolicy({
  name: "aws-cloudtrail-trail-require-logging-enabled",
  description: "CloudTrail trails are logging (enableLogging is not turned off).",
  severity: "high",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:CloudTrail.1"],
  remediationSteps: "Remove enableLogging: false (logging is on by default) or set it to true.",
  types: ["aws:cloudtrail/trail:Trail"],
  validate: (r) => {
    requireThat(
      r,
      "enableLogging",
      (v) => v === undefined || on(v),
      "enableLogging is false: the trail records nothing. Turn logging on.",
    );
  },
});
