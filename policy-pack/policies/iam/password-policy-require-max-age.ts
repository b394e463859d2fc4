import { atLeast, atMost, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  maximumDays: number;
}

export const iamPasswordPolicyRequireMaxAge = resourcePolicy<Config>({
  name: "aws-iam-password-policy-require-max-age",
  description: "The account password policy expires passwords after at most 90 days (configurable).",
  severity: "low",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:IAM.7"],
  remediationSteps: "Set maxPasswordAge to 90 or fewer days (better still: no IAM users; federate through IAM Identity Center).",
  config: {
    maximumDays: { type: "integer", minimum: 1, default: 90, description: "Longest password lifetime in days." },
  },
  types: ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy"],
  validate: (r) => {
    requireThat(
      r,
      "maxPasswordAge",
      (v) => atLeast(1)(v) && atMost(r.config.maximumDays)(v),
      (v) => `maxPasswordAge is ${String(v ?? "unset (never expires)")}; allow at most ${r.config.maximumDays} days.`,
    );
  },
});
