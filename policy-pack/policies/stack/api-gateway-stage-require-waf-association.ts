import { stackPolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { ofTypes, refersTo } from "../../lib/stack";
import { T } from "../../lib/types";

/**
 * A REST API stage is what a WAF web ACL is associated with (the association's resourceArn is the
 * stage's ARN). Private APIs are reachable only through VPC endpoints and are left out, as
 * Security Hub's APIGateway.4 and checkov's CKV2_AWS_29 leave them out. HTTP APIs cannot be
 * associated with WAF at all; their protection is a CloudFront distribution with a WAF in front.
 */
export const apigatewayStageWafAssociation = stackPolicy({
  name: "aws-apigateway-stage-require-waf-association",
  description: "Every stage of a public (edge or regional) API Gateway REST API has a WAF web ACL association.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:APIGateway.4"],
  remediationSteps:
    "Create an aws.wafv2.WebAclAssociation with resourceArn = the stage's arn and a REGIONAL web ACL (edge-optimized APIs too: the association is on the regional stage).",
  validate: (s) => {
    const associations = ofTypes(s.resources, [T.wafAssociation]);
    const apis = ofTypes(s.resources, [T.apigatewayRestApi]);
    for (const stage of ofTypes(s.resources, [T.apigatewayStage])) {
      const api = apis.find((a) => refersTo(stage, "restApi", a, ["id"]));
      const types = (api?.props.endpointConfiguration as { types?: unknown } | undefined)?.types;
      if (isUnknown(types)) {
        s.undecided("endpointConfiguration.types", types);
        continue;
      }
      if ([types].flat().some((t) => String(t).toUpperCase() === "PRIVATE")) continue;
      if (!associations.some((a) => refersTo(a, "resourceArn", stage, ["arn"])))
        s.report(
          `API Gateway stage ${stage.name}${api ? ` of REST API ${api.name}` : ""} has no WAF web ACL association. Associate a REGIONAL web ACL with the stage.`,
          stage.urn,
        );
    }
  },
});
