import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const iamPasswordPolicyRequireNumbers = resourcePolicy({
  name: "aws-iam-password-policy-require-numbers",
  description: "The account password policy requires at least one number.",
  severity: "low",
  topic: "least-privilege",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set requireNumbers: true.",
  types: ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy"],
  validate: (r) => {
    requireThat(r, "requireNumbers", on, "requireNumbers is off. Turn it on.");
  },
});
