import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const iamPasswordPolicyRequireLowercase = resourcePolicy({
  name: "aws-iam-password-policy-require-lowercase",
  description: "The account password policy requires at least one lowercase character.",
  severity: "low",
  topic: "least-privilege",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set requireLowercaseCharacters: true.",
  types: ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy"],
  validate: (r) => {
    requireThat(r, "requireLowercaseCharacters", on, "requireLowercaseCharacters is off. Turn it on.");
  },
});
