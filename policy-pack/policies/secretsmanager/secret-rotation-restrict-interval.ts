import { atMost, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";

interface Config {
  maximumDays: number;
}

export const secretsmanagerSecretRotationRestrictInterval = resourcePolicy<Config>({
  name: "aws-secretsmanager-secret-rotation-restrict-interval",
  description: "Secrets Manager rotation runs at least every configured number of days (default 90).",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:SecretsManager.4"],
  remediationSteps: "Set rotationRules.automaticallyAfterDays (or a scheduleExpression) to 90 days or fewer.",
  config: {
    maximumDays: { type: "integer", minimum: 1, default: 90, description: "Longest rotation interval in days." },
  },
  types: ["aws:secretsmanager/secretRotation:SecretRotation"],
  validate: (r) => {
    const expr = get(r.props, "rotationRules.scheduleExpression");
    if (isUnknown(expr)) return r.undecided("rotationRules.scheduleExpression", expr);
    const days = typeof expr === "string" ? /^rate\((\d+) days?\)$/.exec(expr)?.[1] : undefined;
    if (typeof expr === "string") {
      if (days !== undefined && Number(days) > r.config.maximumDays)
        r.report(`scheduleExpression ${expr} rotates less often than every ${r.config.maximumDays} days.`);
      return;
    }
    requireThat(
      r,
      "rotationRules.automaticallyAfterDays",
      atMost(r.config.maximumDays),
      (v) =>
        `rotationRules.automaticallyAfterDays is ${String(v ?? "unset")}; rotate at least every ${r.config.maximumDays} days.`,
    );
  },
});
