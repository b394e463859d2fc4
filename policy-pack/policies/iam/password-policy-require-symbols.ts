import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const iamPasswordPolicyRequireSymbols = resourcePolicy({
  name: "aws-iam-password-policy-require-symbols",
  description: "The account password policy requires at least one symbol character.",
  severity: "low",
  topic: "least-privilege",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set requireSymbols: true.",
  types: ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy"],
  validate: (r) => {
    requireThat(r, "requireSymbols", on, "requireSymbols is off. Turn it on.");
  },
});
