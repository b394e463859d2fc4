import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const dynamodbTableRequirePointInTimeRecovery = resourcePolicy({
  name: "aws-dynamodb-table-require-point-in-time-recovery",
  description: "DynamoDB tables have point-in-time recovery (restore to any second of the last 35 days).",
  severity: "medium",
  topic: "data-protection",
  category: "availability",
  controls: ["FSBP:DynamoDB.2"],
  remediationSteps: "Set pointInTimeRecovery { enabled: true }.",
  types: ["aws:dynamodb/table:Table"],
  validate: (r) => {
    requireThat(
      r,
      "pointInTimeRecovery.enabled",
      on,
      "pointInTimeRecovery is off: a bad write or delete cannot be undone. Turn it on.",
    );
  },
});
