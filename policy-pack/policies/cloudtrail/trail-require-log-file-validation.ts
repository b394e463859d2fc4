import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const cloudtrailTrailRequireLogFileValidation = resourcePolicy({
  name: "aws-cloudtrail-trail-require-log-file-validation",
  description:
    "CloudTrail trails sign their log files (log file integrity validation), so a changed or deleted log file is detected.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:CloudTrail.4", "CIS-AWS-3.0:3.2"],
  remediationSteps: "Set enableLogFileValidation: true on the trail.",
  types: ["aws:cloudtrail/trail:Trail"],
  validate: (r) => {
    requireThat(
      r,
      "enableLogFileValidation",
      on,
      "enableLogFileValidation is off. Turn it on so tampering with log files is detectable.",
    );
  },
});
