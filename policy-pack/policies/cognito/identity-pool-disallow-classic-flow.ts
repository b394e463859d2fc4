import { notOn, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const cognitoIdentityPoolDisallowClassicFlow = resourcePolicy({
  name: "aws-cognito-identity-pool-disallow-classic-flow",
  description:
    "Cognito identity pools use the enhanced authentication flow only: the classic (basic) flow lets a caller pick any role the pool trusts.",
  severity: "high",
  topic: "least-privilege",
  category: "security",
  controls: {
    none: "Security Hub's Cognito controls cover user pools and unauthenticated access, not the classic flow; AWS documents the enhanced flow as the recommended one.",
  },
  remediationSteps: "Leave allowClassicFlow at its default (false).",
  types: ["aws:cognito/identityPool:IdentityPool"],
  validate: (r) => {
    requireThat(
      r,
      "allowClassicFlow",
      notOn,
      "allowClassicFlow is true: clients can call AssumeRoleWithWebIdentity for any role the pool trusts. Turn it off.",
    );
  },
});
