import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const iamPasswordPolicyRequireNumbers = resourcePolicy({
  name: "aws-iam-password-policy-require-numbers",
  description: "The account password policy requires at least one number.",
  severity: "low",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:IAM.14"],
  remediationSteps: "Set requireNumbers: true.",
  types: ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy"],
  validate: (r) => {
    requireThat(r, "requireNumbers", on, "requireNumbers is off. Turn it on.");
  },
});
