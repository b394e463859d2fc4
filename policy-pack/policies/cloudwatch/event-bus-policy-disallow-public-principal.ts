import { resourcePolicy } from "../../lib/policy";
import { noPublicStatements } from "../../lib/resource-policy";

export const cloudwatchEventBusPolicyDisallowPublicPrincipal = resourcePolicy({
  name: "aws-cloudwatch-event-bus-policy-disallow-public-principal",
  description:
    'EventBridge event bus policies do not allow the "*" principal unless a condition binds it to an account, organisation, source ARN or network.',
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: {
    none: "Security Hub checks that a custom bus has a policy at all (EventBridge.3), not what it allows; this rule closes the public case.",
  },
  remediationSteps:
    'Name the account or role ARNs as principals, or add a condition on aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID or aws:SourceVpce to the "*" statement.',
  types: ["aws:cloudwatch/eventBusPolicy:EventBusPolicy"],
  validate: (r) => {
    noPublicStatements(r, "policy", "EventBridge event bus policy");
  },
});
