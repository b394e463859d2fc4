import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const cloudwatchEventTargetRequireDeadLetterQueue = resourcePolicy({
  name: "aws-cloudwatch-event-target-require-dead-letter-queue",
  description:
    "EventBridge rule targets have a dead-letter queue, so events that cannot be delivered after the retries are kept, not dropped.",
  severity: "medium",
  topic: "availability",
  category: "availability",
  controls: { none: "Resilience rule; no benchmark control names EventBridge target DLQs." },
  remediationSteps:
    "Set deadLetterConfig { arn } to an SQS queue (encrypted, with a policy allowing events.amazonaws.com for this rule).",
  types: ["aws:cloudwatch/eventTarget:EventTarget"],
  validate: (r) => {
    requireThat(
      r,
      "deadLetterConfig.arn",
      present,
      "No deadLetterConfig: events that fail delivery are dropped after the retries. Add a dead-letter queue.",
    );
  },
});
