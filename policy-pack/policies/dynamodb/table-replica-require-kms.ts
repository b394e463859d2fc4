import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const dynamodbTableReplicaRequireKms = resourcePolicy({
  name: "aws-dynamodb-table-replica-require-kms",
  description: "DynamoDB global table replicas encrypt with a customer-managed key of their region.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: { none: "No Security Hub control; the rule follows checkov CKV_AWS_271." },
  remediationSteps: "Set kmsKeyArn on the replica to a customer-managed key in the replica region.",
  types: ["aws:dynamodb/tableReplica:TableReplica"],
  validate: (r) => {
    requireThat(r, "kmsKeyArn", present, "No kmsKeyArn: the replica uses the AWS managed key. Name a customer-managed key.");
  },
});
