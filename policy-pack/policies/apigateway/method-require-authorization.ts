import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";

export const apigatewayMethodRequireAuthorization = resourcePolicy({
  name: "aws-apigateway-method-require-authorization",
  description:
    "API Gateway methods require an authorizer (IAM, Cognito or Lambda) or an API key; only CORS preflight (OPTIONS) may be open.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: {
    none: "Security Hub checks authorization on HTTP API routes only (APIGateway.8); this is the REST API counterpart, checkov CKV_AWS_59.",
  },
  remediationSteps:
    'Set authorization to "AWS_IAM", "COGNITO_USER_POOLS" or "CUSTOM" (with authorizerId), or apiKeyRequired: true.',
  types: ["aws:apigateway/method:Method"],
  validate: (r) => {
    const m = r.props.httpMethod;
    if (isUnknown(m)) return r.undecided("httpMethod", m);
    if (m === "OPTIONS" || isTrue(r.props.apiKeyRequired)) return;
    requireThat(
      r,
      "authorization",
      (v) => typeof v === "string" && v.toUpperCase() !== "NONE",
      (v) => `${String(m)} ${String(r.props.resourceId)} has authorization ${String(v)}: anyone can call it. Add an authorizer.`,
    );
  },
});
