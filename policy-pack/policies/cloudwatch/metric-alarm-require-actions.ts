import { nonEmpty, on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const cloudwatchMetricAlarmRequireActions = resourcePolicy({
  name: "aws-cloudwatch-metric-alarm-require-actions",
  description: "CloudWatch alarms have their actions enabled and notify someone (at least one alarm action).",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set alarmActions to an SNS topic (or another action) and leave actionsEnabled at its default (true).",
  types: ["aws:cloudwatch/metricAlarm:MetricAlarm"],
  validate: (r) => {
    requireThat(
      r,
      "actionsEnabled",
      (v) => v === undefined || on(v),
      "actionsEnabled is false: the alarm changes state silently. Enable its actions.",
    );
    requireThat(
      r,
      "alarmActions",
      (v) => nonEmpty(v) && v !== undefined,
      "No alarmActions: nobody is told when the alarm fires. Add an SNS topic or another action.",
    );
  },
});
