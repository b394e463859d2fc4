import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";
import { T } from "../../lib/types";

export const secretKms = resourcePolicy({
  name: "aws-secretsmanager-secret-require-kms",
  description: "Secrets are encrypted with a customer-managed KMS key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:3.5.1", "PCI-DSS-4.0.1:8.3.2"],
  remediationSteps: "Set kmsKeyId to the secrets key's ARN, so access to the secret also needs kms:Decrypt on that key.",
  types: [T.secret],
  validate: (r) => {
    if (!isSet(r.props.kmsKeyId))
      r.report("No kmsKeyId: the AWS-managed aws/secretsmanager key would be used. Set the customer-managed key.");
  },
});
