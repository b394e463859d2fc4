import { resourcePolicy } from "../../lib/policy";
import { isSet, isTrue } from "../../lib/props";
import { T } from "../../lib/types";

export const rdsPerformanceInsightsKms = resourcePolicy({
  name: "aws-rds-instance-performance-insights-require-kms",
  description: "Performance Insights data (which contains SQL text) is encrypted with a customer-managed key.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:3.5.1"],
  remediationSteps: "When performanceInsightsEnabled is true, set performanceInsightsKmsKeyId to the database key's ARN.",
  types: [T.rdsInstance],
  validate: (r) => {
    if (!isTrue(r.props.performanceInsightsEnabled)) return;
    if (!isSet(r.props.performanceInsightsKmsKeyId))
      r.report("Performance Insights is on without performanceInsightsKmsKeyId. Set the database key's ARN.");
  },
});
