import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const apigatewayv2StageRequireAccessLogs = resourcePolicy({
  name: "aws-apigatewayv2-stage-require-access-logs",
  description: "HTTP and WebSocket API stages write access logs.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:APIGateway.9"],
  remediationSteps: "Set accessLogSettings { destinationArn, format }.",
  types: ["aws:apigatewayv2/stage:Stage"],
  validate: (r) => {
    requireThat(
      r,
      "accessLogSettings.destinationArn",
      present,
      "No accessLogSettings.destinationArn: calls leave no record. Send access logs to a log group.",
    );
  },
});
