import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const iamPasswordPolicyRequireUppercase = resourcePolicy({
  name: "aws-iam-password-policy-require-uppercase",
  description: "The account password policy requires at least one uppercase character.",
  severity: "low",
  topic: "least-privilege",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set requireUppercaseCharacters: true.",
  types: ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy"],
  validate: (r) => {
    requireThat(r, "requireUppercaseCharacters", on, "requireUppercaseCharacters is off. Turn it on.");
  },
});
