import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

interface Config {
  minimumDays: number;
}

export const secretRecoveryWindow = resourcePolicy<Config>({
  name: "aws-secretsmanager-secret-require-recovery-window",
  description: "Deleted secrets stay recoverable for at least the configured days (no force-delete).",
  severity: "medium",
  topic: "data-protection",
  category: "availability",
  controls: { none: "Recoverability rule." },
  remediationSteps: "Leave recoveryWindowInDays at 30 or set at least the minimum; 0 deletes immediately.",
  config: {
    minimumDays: { type: "integer", minimum: 7, maximum: 30, default: 7, description: "Minimum recovery window in days." },
  },
  types: [T.secret],
  validate: (r) => {
    const days = r.props.recoveryWindowInDays ?? 30;
    if (isUnknown(days)) return r.undecided("recoveryWindowInDays", days);
    if (Number(days) < r.config.minimumDays)
      r.report(`recoveryWindowInDays is ${String(days)}; use at least ${r.config.minimumDays}.`);
  },
});
