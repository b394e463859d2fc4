import { atLeast, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  minimumLength: number;
}

export const iamPasswordPolicyRequireMinLength = resourcePolicy<Config>({
  name: "aws-iam-password-policy-require-min-length",
  description: "The account password policy requires passwords of at least the configured length (default 14).",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["CIS-AWS-3.0:1.8"],
  remediationSteps: "Set minimumPasswordLength to at least 14.",
  config: {
    minimumLength: { type: "integer", minimum: 8, default: 14, description: "Shortest password allowed." },
  },
  types: ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy"],
  validate: (r) => {
    requireThat(
      r,
      "minimumPasswordLength",
      atLeast(r.config.minimumLength),
      (v) => `minimumPasswordLength is ${String(v ?? "unset (8)")}, below ${r.config.minimumLength}. Raise it.`,
    );
  },
});
