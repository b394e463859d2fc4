import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const securityhubAccountRequireAutoEnableControls = resourcePolicy({
  name: "aws-securityhub-account-require-auto-enable-controls",
  description:
    "Security Hub turns on new controls of the enabled standards automatically, so coverage grows as AWS adds controls.",
  severity: "low",
  topic: "visibility",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Leave autoEnableControls at its default (true) on the Security Hub account.",
  types: ["aws:securityhub/account:Account"],
  validate: (r) => {
    requireThat(
      r,
      "autoEnableControls",
      (v) => v === undefined || on(v),
      "autoEnableControls is false: new controls of enabled standards stay off. Turn it on.",
    );
  },
});
