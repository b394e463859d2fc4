import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const securityhubAccountRequireConsolidatedFindings = resourcePolicy({
  name: "aws-securityhub-account-require-consolidated-findings",
  description:
    "Security Hub produces one finding per control across standards (consolidated control findings), not one per standard.",
  severity: "low",
  topic: "visibility",
  category: "security",
  controls: { none: "An operating choice that keeps findings deduplicated; no benchmark requirement names it." },
  remediationSteps: 'Set controlFindingGenerator: "SECURITY_CONTROL" (the default for accounts enabled since February 2023).',
  types: ["aws:securityhub/account:Account"],
  validate: (r) => {
    requireThat(
      r,
      "controlFindingGenerator",
      (v) => v === undefined || v === "SECURITY_CONTROL",
      (v) => `controlFindingGenerator is ${String(v)}: each standard raises its own copy of a finding. Use SECURITY_CONTROL.`,
    );
  },
});
