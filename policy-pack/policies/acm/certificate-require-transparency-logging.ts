import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const acmCertificateRequireTransparencyLogging = resourcePolicy({
  name: "aws-acm-certificate-require-transparency-logging",
  description: "ACM certificates are published to Certificate Transparency logs (browsers distrust certificates that are not).",
  severity: "low",
  topic: "encryption",
  category: "security",
  controls: { none: "No Security Hub control; the rule follows checkov CKV_AWS_234." },
  remediationSteps: "Leave options.certificateTransparencyLoggingPreference at ENABLED.",
  types: ["aws:acm/certificate:Certificate"],
  validate: (r) => {
    requireThat(
      r,
      "options.certificateTransparencyLoggingPreference",
      (v) => v === undefined || v === "ENABLED",
      "certificateTransparencyLoggingPreference is DISABLED: browsers reject the certificate and mis-issuance goes unseen. Enable it.",
    );
  },
});
