import { resourcePolicy } from "../../lib/policy";
import { noPublicStatements } from "../../lib/resource-policy";

export const sqsQueuePolicyDisallowPublicPrincipal = resourcePolicy({
  name: "aws-sqs-queue-policy-disallow-public-principal",
  description:
    'SQS queue policies do not allow the "*" principal unless a condition binds it to an account, organisation, source ARN or network.',
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:SQS.3"],
  remediationSteps:
    'Name the account or role ARNs as principals, or add a condition on aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID or aws:SourceVpce to the "*" statement.',
  types: ["aws:sqs/queuePolicy:QueuePolicy"],
  validate: (r) => {
    noPublicStatements(r, "policy", "SQS queue policy");
  },
});
