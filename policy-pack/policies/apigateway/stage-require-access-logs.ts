import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const apigatewayStageRequireAccessLogs = resourcePolicy({
  name: "aws-apigateway-stage-require-access-logs",
  description: "API Gateway REST stages write access logs (who called what, status, latency) to CloudWatch Logs or Firehose.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:APIGateway.1"],
  remediationSteps: "Set accessLogSettings { destinationArn, format }.",
  types: ["aws:apigateway/stage:Stage"],
  validate: (r) => {
    requireThat(
      r,
      "accessLogSettings.destinationArn",
      present,
      "No accessLogSettings.destinationArn: calls to this stage leave no record. Send access logs to a log group.",
    );
  },
});
