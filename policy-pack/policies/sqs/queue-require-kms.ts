import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isSet, isTrue } from "../../lib/props";

export const sqsQueueRequireKms = resourcePolicy({
  name: "aws-sqs-queue-require-kms",
  description: "SQS queues encrypt messages at rest with a customer-managed KMS key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:SQS.1"],
  remediationSteps: "Set kmsMasterKeyId to a customer-managed key (SQS-managed SSE leaves access to the queue policy alone).",
  types: ["aws:sqs/queue:Queue"],
  validate: (r) => {
    if (isTrue(r.props.sqsManagedSseEnabled) && !isSet(r.props.kmsMasterKeyId))
      return r.report("sqsManagedSseEnabled only: messages use an SQS owned key. Name a customer-managed key in kmsMasterKeyId.");
    requireThat(
      r,
      "kmsMasterKeyId",
      (v) => isSet(v) && v !== "alias/aws/sqs",
      "No customer-managed kmsMasterKeyId. Encrypt the queue with one.",
    );
  },
});
