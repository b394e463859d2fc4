import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown, list } from "../../lib/props";

export const lambdaFunctionRequireMultiAz = resourcePolicy({
  name: "aws-lambda-function-require-multi-az",
  description: "Lambda functions attached to a VPC use subnets in at least two Availability Zones.",
  severity: "medium",
  topic: "availability",
  category: "availability",
  controls: ["FSBP:Lambda.5"],
  remediationSteps: "List private subnets of two or more zones in vpcConfig.subnetIds.",
  types: ["aws:lambda/function:Function"],
  validate: (r) => {
    const subnets = get(r.props, "vpcConfig.subnetIds");
    if (isUnknown(subnets)) return r.undecided("vpcConfig.subnetIds", subnets);
    const l = list(subnets) ?? [];
    if (get(r.props, "vpcConfig") !== undefined && l.length === 1)
      r.report("vpcConfig names one subnet: the function stops with its zone. Use subnets in two or more zones.");
  },
});
