import { atLeast, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { list } from "../../lib/props";

interface Config {
  minimumDays: number;
}

export const backupPlanRequireRetention = resourcePolicy<Config>({
  name: "aws-backup-plan-require-retention",
  description:
    "Every rule of a backup plan keeps recovery points for at least the configured days (default 7) and deletes them eventually (lifecycle set).",
  severity: "medium",
  topic: "data-protection",
  category: "availability",
  controls: { none: "Backup retention is set per business need; no benchmark control fixes a number." },
  remediationSteps: "Give each rule lifecycle { deleteAfter: N } with N at least 7 (35 for monthly points is common).",
  config: {
    minimumDays: { type: "integer", minimum: 1, default: 7, description: "Shortest retention of a rule, in days." },
  },
  types: ["aws:backup/plan:Plan"],
  validate: (r) => {
    const rules = list(r.props.rules);
    if (rules === undefined) return r.undecided("rules", r.props.rules);
    rules.forEach((rule, i) => {
      const name = String((rule as Record<string, unknown>).ruleName ?? i);
      requireThat(r, `rules.${i}.lifecycle.deleteAfter`, atLeast(r.config.minimumDays), (v) =>
        v === undefined
          ? `Rule ${name} has no lifecycle.deleteAfter: recovery points are kept (and paid for) forever. Set a retention.`
          : `Rule ${name} keeps recovery points ${String(v)} days, below ${r.config.minimumDays}.`,
      );
    });
  },
});
