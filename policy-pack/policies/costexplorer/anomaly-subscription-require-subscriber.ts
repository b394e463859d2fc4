import { nonEmpty, present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const costexplorerAnomalySubscriptionRequireSubscriber = resourcePolicy({
  name: "aws-costexplorer-anomaly-subscription-require-subscriber",
  description: "Cost anomaly subscriptions deliver to at least one subscriber, with a threshold expression.",
  severity: "low",
  topic: "visibility",
  category: "cost",
  controls: { none: "Cost governance; no security benchmark names cost anomaly detection." },
  remediationSteps: "Add subscribers (EMAIL, or SNS for IMMEDIATE frequency) and a thresholdExpression.",
  types: ["aws:costexplorer/anomalySubscription:AnomalySubscription"],
  validate: (r) => {
    if (
      requireThat(
        r,
        "subscribers",
        (v) => nonEmpty(v) && v !== undefined,
        "No subscribers: anomalies alert nobody. Add an e-mail or SNS subscriber.",
      )
    )
      requireThat(
        r,
        "thresholdExpression",
        present,
        "No thresholdExpression: every anomaly, however small, alerts. Set an impact threshold.",
      );
  },
});
