import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

interface Config {
  minimumDays: number;
}

export const kmsKeyDeletionWindow = resourcePolicy<Config>({
  name: "aws-kms-key-require-deletion-window",
  description: "KMS keys keep the longest deletion window so that a mistaken deletion can be cancelled.",
  severity: "medium",
  topic: "data-protection",
  category: "availability",
  controls: { none: "Recoverability of keys; CIS and PCI DSS name no minimum deletion window." },
  remediationSteps: "Set `deletionWindowInDays` to at least the configured minimum (AWS allows 7-30; default 30).",
  config: {
    minimumDays: { type: "integer", minimum: 7, maximum: 30, default: 30, description: "Minimum deletion window in days." },
  },
  types: [T.kmsKey],
  validate: (r) => {
    const days = r.props.deletionWindowInDays ?? 30; // AWS default
    if (isUnknown(days)) return r.undecided("deletionWindowInDays", days);
    if (Number(days) < r.config.minimumDays) {
      r.report(`deletionWindowInDays is ${String(days)}; use at least ${r.config.minimumDays}.`);
    }
  },
});
