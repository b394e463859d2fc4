import { resourcePolicy } from "../../lib/policy";
import { isSet, isUnknown } from "../../lib/props";

export const lambdaPermissionDisallowPublicPrincipal = resourcePolicy({
  name: "aws-lambda-permission-disallow-public-principal",
  description:
    "Lambda permissions name a service or account principal; a service principal is bound to our account or source ARN (confused-deputy protection).",
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:Lambda.1"],
  remediationSteps:
    "Set principal to the service or account that invokes, and sourceArn or sourceAccount when the principal is a service.",
  types: ["aws:lambda/permission:Permission"],
  validate: (r) => {
    const p = r.props.principal;
    if (isUnknown(p)) return r.undecided("principal", p);
    if (p === "*") return r.report('principal is "*": anyone can invoke the function. Name the service or account.');
    if (
      typeof p === "string" &&
      p.endsWith(".amazonaws.com") &&
      !isSet(r.props.sourceArn) &&
      !isSet(r.props.sourceAccount) &&
      !isSet(r.props.principalOrgId)
    )
      r.report(
        `principal ${p} without sourceArn or sourceAccount: any account's ${p} resources can invoke the function. Bind it to our source.`,
      );
  },
});
