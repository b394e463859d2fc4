import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const ssmParameterRequireSecureStringKms = resourcePolicy({
  name: "aws-ssm-parameter-require-secure-string-kms",
  description: "SSM parameters named like a secret are SecureString, encrypted with a customer-managed KMS key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: {
    none: "Security Hub has no SSM parameter encryption control; secrets belong encrypted with a key whose policy limits readers.",
  },
  remediationSteps: 'Set type: "SecureString" and keyId to a customer-managed key (or keep the secret in Secrets Manager).',
  types: ["aws:ssm/parameter:Parameter"],
  validate: (r) => {
    const name = r.props.name;
    if (isUnknown(name)) return r.undecided("name", name);
    const secret = typeof name === "string" && /(pass(word)?|secret|token|api[-_]?key|private[-_]?key|credential)s?$/i.test(name);
    if (!secret && r.props.type !== "SecureString") return;
    if (
      requireThat(
        r,
        "type",
        (v) => v === "SecureString",
        (v) => `Parameter ${String(name)} is named like a secret but has type ${String(v)}. Use SecureString.`,
      )
    )
      requireThat(
        r,
        "keyId",
        present,
        `SecureString ${String(name)} uses the AWS managed key alias/aws/ssm. Name a customer-managed key in keyId.`,
      );
  },
});
