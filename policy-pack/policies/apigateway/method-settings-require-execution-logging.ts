import { oneOf, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const apigatewayMethodSettingsRequireExecutionLogging = resourcePolicy({
  name: "aws-apigateway-method-settings-require-execution-logging",
  description: "API Gateway method settings log execution at level ERROR or INFO.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:APIGateway.1"],
  remediationSteps: 'Set settings.loggingLevel to "ERROR" (or "INFO").',
  types: ["aws:apigateway/methodSettings:MethodSettings"],
  validate: (r) => {
    requireThat(
      r,
      "settings.loggingLevel",
      oneOf(["ERROR", "INFO"]),
      (v) => `settings.loggingLevel is ${String(v ?? "unset (OFF)")}. Log at ERROR or INFO.`,
    );
  },
});
