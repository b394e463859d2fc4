import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const apigatewayv2RouteRequireAuthorization = resourcePolicy({
  name: "aws-apigatewayv2-route-require-authorization",
  description: "HTTP and WebSocket API routes specify an authorization type (JWT, IAM or a Lambda authorizer).",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:APIGateway.8"],
  remediationSteps: 'Set authorizationType to "JWT", "AWS_IAM" or "CUSTOM" with authorizerId.',
  types: ["aws:apigatewayv2/route:Route"],
  validate: (r) => {
    const key = r.props.routeKey;
    if (isUnknown(key)) return r.undecided("routeKey", key);
    if (typeof key === "string" && key.startsWith("OPTIONS ")) return;
    requireThat(
      r,
      "authorizationType",
      (v) => typeof v === "string" && v !== "NONE",
      (v) => `Route ${String(key)} has authorizationType ${String(v ?? "unset (NONE)")}. Add an authorizer.`,
    );
  },
});
