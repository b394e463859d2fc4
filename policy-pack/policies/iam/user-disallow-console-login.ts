import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  breakGlassUsers: string[];
}

export const iamUserDisallowConsoleLogin = resourcePolicy<Config>({
  name: "aws-iam-user-disallow-console-login",
  description:
    "IAM users get no console password (login profile) unless listed as break-glass users: people sign in through IAM Identity Center or federation.",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:IAM.5"],
  remediationSteps:
    "Remove the login profile; give people access through IAM Identity Center permission sets. List an emergency user in breakGlassUsers only.",
  config: {
    breakGlassUsers: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "IAM user names allowed a console password (emergency access, MFA enforced out of band).",
    },
  },
  types: ["aws:iam/userLoginProfile:UserLoginProfile"],
  validate: (r) => {
    requireThat(
      r,
      "user",
      (v) => typeof v === "string" && r.config.breakGlassUsers.includes(v),
      (v) => `User ${String(v)} gets a console password. Use IAM Identity Center or federation instead.`,
    );
  },
});
