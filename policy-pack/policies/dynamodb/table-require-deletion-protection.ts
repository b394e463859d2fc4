import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const dynamodbTableRequireDeletionProtection = resourcePolicy({
  name: "aws-dynamodb-table-require-deletion-protection",
  description: "DynamoDB tables have deletion protection on.",
  severity: "medium",
  topic: "data-protection",
  category: "availability",
  controls: ["FSBP:DynamoDB.6"],
  remediationSteps: "Set deletionProtectionEnabled: true.",
  types: ["aws:dynamodb/table:Table"],
  validate: (r) => {
    requireThat(r, "deletionProtectionEnabled", on, "deletionProtectionEnabled is off. Turn it on.");
  },
});
