import { stackPolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";
import { ofTypes, refersTo } from "../../lib/stack";
import { LOAD_BALANCERS, T } from "../../lib/types";

export const lbWafAssociation = stackPolicy({
  name: "aws-lb-load-balancer-require-waf-association",
  description: "Every internet-facing application load balancer has a WAF web ACL association.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["PCI-DSS-4.0.1:6.4.2"],
  remediationSteps: "Create an aws.wafv2.WebAclAssociation with resourceArn = the load balancer's arn and a REGIONAL web ACL.",
  validate: (s) => {
    const associations = ofTypes(s.resources, [T.wafAssociation]);
    for (const lb of ofTypes(s.resources, LOAD_BALANCERS)) {
      if (isUnknown(lb.props.internal)) {
        s.undecided("internal", lb.props.internal);
        continue;
      }
      if (isTrue(lb.props.internal) || (lb.props.loadBalancerType ?? "application") !== "application") continue;
      if (!associations.some((a) => refersTo(a, "resourceArn", lb, ["arn", "id"]))) {
        s.report(`Public load balancer ${lb.name} has no WAF web ACL association. Associate a REGIONAL web ACL.`, lb.urn);
      }
    }
  },
});
