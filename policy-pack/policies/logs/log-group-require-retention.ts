import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

interface Config {
  minimumDays: number;
}

export const logGroupRetention = resourcePolicy<Config>({
  name: "aws-cloudwatch-log-group-require-retention",
  description: "Log groups keep events for at least the configured days and do not keep them forever.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["PCI-DSS-4.0.1:10.5.1"],
  remediationSteps:
    "Set retentionInDays to at least the minimum (365 by default: PCI DSS 10.5.1 asks for 12 months of audit history).",
  config: { minimumDays: { type: "integer", minimum: 1, default: 365, description: "Minimum retention in days." } },
  types: [T.logGroup],
  validate: (r) => {
    const days = r.props.retentionInDays;
    if (isUnknown(days)) return r.undecided("retentionInDays", days);
    if (days === undefined || Number(days) === 0)
      return r.report("retentionInDays is unset: events are kept forever (unbounded cost). Set a retention.");
    if (Number(days) < r.config.minimumDays)
      r.report(`retentionInDays is ${String(days)}; keep at least ${r.config.minimumDays}.`);
  },
});
