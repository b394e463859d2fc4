import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const apigatewayStageRequireXrayTracing = resourcePolicy({
  name: "aws-apigateway-stage-require-xray-tracing",
  description: "API Gateway REST stages trace requests with AWS X-Ray.",
  severity: "low",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:APIGateway.3"],
  remediationSteps: "Set xrayTracingEnabled: true.",
  types: ["aws:apigateway/stage:Stage"],
  validate: (r) => {
    requireThat(r, "xrayTracingEnabled", on, "xrayTracingEnabled is off. Turn it on.");
  },
});
