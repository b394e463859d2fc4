import { on, oneOf, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const guarddutyDetectorRequireEnabled = resourcePolicy({
  name: "aws-guardduty-detector-require-enabled",
  description:
    "GuardDuty detectors are enabled and publish findings at least every hour (threat detection on CloudTrail, VPC flow and DNS logs).",
  severity: "high",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:GuardDuty.1"],
  remediationSteps: "Set enable: true (the default) and findingPublishingFrequency to FIFTEEN_MINUTES or ONE_HOUR.",
  types: ["aws:guardduty/detector:Detector"],
  validate: (r) => {
    requireThat(r, "enable", (v) => v === undefined || on(v), "enable is false: GuardDuty is suspended. Enable the detector.");
    requireThat(
      r,
      "findingPublishingFrequency",
      (v) => v === undefined || oneOf(["FIFTEEN_MINUTES", "ONE_HOUR"])(v),
      (v) =>
        `findingPublishingFrequency is ${String(v)}: findings reach Security Hub and EventBridge up to six hours late. Use FIFTEEN_MINUTES or ONE_HOUR.`,
    );
  },
});
