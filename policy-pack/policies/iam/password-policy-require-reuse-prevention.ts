import { atLeast, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  remembered: number;
}

export const iamPasswordPolicyRequireReusePrevention = resourcePolicy<Config>({
  name: "aws-iam-password-policy-require-reuse-prevention",
  description: "The account password policy prevents reuse of the last 24 passwords (configurable).",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["CIS-AWS-3.0:1.9"],
  remediationSteps: "Set passwordReusePrevention to 24.",
  config: {
    remembered: {
      type: "integer",
      minimum: 1,
      maximum: 24,
      default: 24,
      description: "Previous passwords that may not be reused.",
    },
  },
  types: ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy"],
  validate: (r) => {
    requireThat(
      r,
      "passwordReusePrevention",
      atLeast(r.config.remembered),
      (v) => `passwordReusePrevention is ${String(v ?? "unset")}, below ${r.config.remembered}. Raise it.`,
    );
  },
});
