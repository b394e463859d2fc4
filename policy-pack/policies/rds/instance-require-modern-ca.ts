import { oneOf, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const rdsInstanceRequireModernCa = resourcePolicy({
  name: "aws-rds-instance-require-modern-ca",
  description:
    "RDS instances present a server certificate from a current CA (rds-ca-rsa2048-g1, rds-ca-rsa4096-g1 or rds-ca-ecc384-g1), not the expired rds-ca-2019.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: {
    none: "Security Hub has no CA control; AWS retired rds-ca-2019 in August 2024. The rule follows checkov CKV_AWS_211.",
  },
  remediationSteps: 'Set caCertIdentifier to "rds-ca-rsa2048-g1" (or rsa4096/ecc384) and give clients the new bundle.',
  types: ["aws:rds/instance:Instance"],
  validate: (r) => {
    requireThat(
      r,
      "caCertIdentifier",
      (v) => v === undefined || oneOf(["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"])(v),
      (v) => `caCertIdentifier is ${String(v)}: clients cannot verify the server. Use rds-ca-rsa2048-g1 or newer.`,
    );
  },
});
