import { resourcePolicy } from "../../lib/policy";
import { get, isSet } from "../../lib/props";
import { T } from "../../lib/types";

export const cfLogging = resourcePolicy({
  name: "aws-cloudfront-distribution-require-logging",
  description: "CloudFront distributions write access logs.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["PCI-DSS-4.0:10.2.1"],
  remediationSteps:
    "Set loggingConfig { bucket: <log archive bucket domain name> } (or configure CloudWatch vended log delivery).",
  types: [T.cloudfrontDistribution],
  validate: (r) => {
    if (!isSet(get(r.props, "loggingConfig.bucket"))) r.report("No loggingConfig.bucket. Turn on access logging.");
  },
});
