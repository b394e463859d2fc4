import { resourcePolicy } from "../../lib/policy";
import { noWildcardActions } from "../../lib/resource-policy";

export const sqsQueuePolicyDisallowWildcardAction = resourcePolicy({
  name: "aws-sqs-queue-policy-disallow-wildcard-action",
  description: 'SQS queue policies name the actions they allow: no "*", "sqs:*" or NotAction grants.',
  severity: "high",
  topic: "least-privilege",
  category: "security",
  controls: { none: "Security Hub has no control for queue policy actions; the rule follows checkov CKV_AWS_72." },
  remediationSteps:
    "List the actions the principal needs (sqs:SendMessage for a producer; sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes for a consumer).",
  types: ["aws:sqs/queuePolicy:QueuePolicy"],
  validate: (r) => {
    noWildcardActions(r, "policy", "SQS queue policy");
  },
});
