import { resourcePolicy } from "../../lib/policy";
import { noPublicStatements } from "../../lib/resource-policy";

export const snsTopicPolicyDisallowPublicPrincipal = resourcePolicy({
  name: "aws-sns-topic-policy-disallow-public-principal",
  description:
    'SNS topic policies do not allow the "*" principal unless a condition binds it to an account, organisation, source ARN or network.',
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:SNS.4"],
  remediationSteps:
    'Name the account or role ARNs as principals, or add a condition on aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID or aws:SourceVpce to the "*" statement.',
  types: ["aws:sns/topicPolicy:TopicPolicy"],
  validate: (r) => {
    noPublicStatements(r, "policy", "SNS topic policy");
  },
});
