import { on, present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const dynamodbTableRequireKms = resourcePolicy({
  name: "aws-dynamodb-table-require-kms",
  description: "DynamoDB tables encrypt with a customer-managed KMS key.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: { none: "Security Hub checks DynamoDB backups and PITR, not the key; the rule follows checkov CKV_AWS_119." },
  remediationSteps: "Set serverSideEncryption { enabled: true, kmsKeyArn }.",
  types: ["aws:dynamodb/table:Table"],
  validate: (r) => {
    if (
      requireThat(
        r,
        "serverSideEncryption.enabled",
        on,
        "serverSideEncryption is off: the table uses an AWS owned key. Enable it with a customer-managed key.",
      )
    )
      requireThat(
        r,
        "serverSideEncryption.kmsKeyArn",
        present,
        "serverSideEncryption has no kmsKeyArn: the AWS managed key is used. Name a customer-managed key.",
      );
  },
});
