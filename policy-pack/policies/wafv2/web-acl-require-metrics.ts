import { resourcePolicy } from "../../lib/policy";
import { get, isTrue, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const wafMetrics = resourcePolicy({
  name: "aws-wafv2-web-acl-require-metrics",
  description: "Web ACLs publish CloudWatch metrics and keep sampled requests.",
  severity: "low",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:WAF.12", "PCI-DSS-4.0.1:10.4.1"],
  remediationSteps: "Set visibilityConfig { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName }.",
  types: [T.wafWebAcl],
  validate: (r) => {
    for (const k of ["cloudwatchMetricsEnabled", "sampledRequestsEnabled"]) {
      const v = get(r.props, `visibilityConfig.${k}`);
      if (isUnknown(v)) r.undecided(`visibilityConfig.${k}`, v);
      else if (!isTrue(v)) r.report(`visibilityConfig.${k} is off. Turn it on.`);
    }
  },
});
