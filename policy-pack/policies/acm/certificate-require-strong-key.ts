import { oneOf, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const acmCertificateRequireStrongKey = resourcePolicy({
  name: "aws-acm-certificate-require-strong-key",
  description: "ACM certificates use RSA keys of at least 2048 bits or ECDSA keys.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:ACM.2"],
  remediationSteps: "Set keyAlgorithm to RSA_2048 (or larger) or EC_prime256v1 / EC_secp384r1.",
  types: ["aws:acm/certificate:Certificate"],
  validate: (r) => {
    requireThat(
      r,
      "keyAlgorithm",
      (v) => v === undefined || oneOf(["RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"])(v),
      (v) => `keyAlgorithm ${String(v)} is too weak. Use RSA_2048 or an EC key.`,
    );
  },
});
