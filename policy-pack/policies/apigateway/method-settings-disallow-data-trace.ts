import { notOn, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const apigatewayMethodSettingsDisallowDataTrace = resourcePolicy({
  name: "aws-apigateway-method-settings-disallow-data-trace",
  description:
    "API Gateway method settings do not log full request and response bodies (data trace), which would copy customer data and tokens into logs.",
  severity: "high",
  topic: "data-protection",
  category: "security",
  controls: {
    none: "Security Hub has no data-trace control; AWS advises against data trace in production. The rule follows checkov CKV_AWS_276.",
  },
  remediationSteps: "Set settings.dataTraceEnabled: false.",
  types: ["aws:apigateway/methodSettings:MethodSettings"],
  validate: (r) => {
    requireThat(
      r,
      "settings.dataTraceEnabled",
      notOn,
      "settings.dataTraceEnabled is true: request and response bodies go into the logs. Turn it off.",
    );
  },
});
