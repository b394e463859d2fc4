import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";
import { T } from "../../lib/types";

export const logGroupKms = resourcePolicy({
  name: "aws-cloudwatch-log-group-require-kms",
  description: "CloudWatch log groups are encrypted with a customer-managed KMS key.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:3.5.1", "PCI-DSS-4.0.1:10.3.2"],
  remediationSteps:
    "Set kmsKeyId to the logs key's ARN; its key policy must allow logs.<region>.amazonaws.com with a kms:EncryptionContext condition.",
  types: [T.logGroup],
  validate: (r) => {
    if (!isSet(r.props.kmsKeyId)) r.report("No kmsKeyId. Encrypt the log group with the customer-managed logs key.");
  },
});
