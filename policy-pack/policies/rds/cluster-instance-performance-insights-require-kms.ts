import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";

export const rdsClusterInstancePerformanceInsightsRequireKms = resourcePolicy({
  name: "aws-rds-cluster-instance-performance-insights-require-kms",
  description: "Performance Insights data of Aurora instances (which holds query text) is encrypted with a customer-managed key.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: { none: "No Security Hub control; query text can hold personal data. The rule follows checkov CKV_AWS_354." },
  remediationSteps: "Set performanceInsightsKmsKeyId where performanceInsightsEnabled is true.",
  types: ["aws:rds/clusterInstance:ClusterInstance"],
  validate: (r) => {
    const pi = r.props.performanceInsightsEnabled;
    if (isUnknown(pi)) return r.undecided("performanceInsightsEnabled", pi);
    if (isTrue(pi))
      requireThat(
        r,
        "performanceInsightsKmsKeyId",
        present,
        "Performance Insights is on without performanceInsightsKmsKeyId. Name a customer-managed key.",
      );
  },
});
