import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const kmsKeyRequireEnabled = resourcePolicy({
  name: "aws-kms-key-require-enabled",
  description: "Customer-managed KMS keys are enabled: a disabled key makes everything it encrypts unreadable.",
  severity: "medium",
  topic: "availability",
  category: "availability",
  controls: ["FSBP:KMS.3"],
  remediationSteps: "Leave isEnabled at its default (true); retire keys by scheduling deletion once nothing uses them.",
  types: ["aws:kms/key:Key"],
  validate: (r) => {
    requireThat(
      r,
      "isEnabled",
      (v) => v === undefined || on(v),
      "isEnabled is false: data encrypted under this key cannot be read. Enable it or retire it.",
    );
  },
});
