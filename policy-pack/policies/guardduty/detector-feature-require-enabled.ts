import { oneOf, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { list } from "../../lib/props";

export const guarddutyDetectorFeatureRequireEnabled = resourcePolicy({
  name: "aws-guardduty-detector-feature-require-enabled",
  description:
    "GuardDuty protection plans declared on a detector (S3, EKS audit logs, runtime monitoring, RDS, Lambda, malware scans) are enabled, not declared and switched off.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:GuardDuty.5", "FSBP:GuardDuty.10"],
  remediationSteps: 'Set status: "ENABLED" on the detector feature (and on each of its additionalConfigurations).',
  types: ["aws:guardduty/detectorFeature:DetectorFeature"],
  validate: (r) => {
    requireThat(
      r,
      "status",
      oneOf(["ENABLED"]),
      (v) => `Feature ${String(r.props.name)} has status ${String(v)}. Set it to ENABLED.`,
    );
    const extra = list(r.props.additionalConfigurations);
    if (extra === undefined) return r.undecided("additionalConfigurations", r.props.additionalConfigurations);
    extra.forEach((c, i) =>
      requireThat(
        r,
        `additionalConfigurations.${i}.status`,
        oneOf(["ENABLED"]),
        (v) =>
          `Additional configuration ${String((c as Record<string, unknown>).name)} has status ${String(v)}. Set it to ENABLED.`,
      ),
    );
  },
});
