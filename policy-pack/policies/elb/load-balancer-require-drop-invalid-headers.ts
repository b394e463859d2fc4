import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";
import { LOAD_BALANCERS } from "../../lib/types";

export const lbDropInvalidHeaders = resourcePolicy({
  name: "aws-lb-load-balancer-require-drop-invalid-headers",
  description: "Application load balancers drop invalid HTTP header fields (request smuggling defence).",
  severity: "medium",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:ELB.4", "PCI-DSS-4.0.1:6.4.1"],
  remediationSteps: "Set dropInvalidHeaderFields: true.",
  types: LOAD_BALANCERS,
  validate: (r) => {
    const kind = r.props.loadBalancerType ?? "application";
    if (kind !== "application") return;
    if (isUnknown(r.props.dropInvalidHeaderFields))
      return r.undecided("dropInvalidHeaderFields", r.props.dropInvalidHeaderFields);
    if (!isTrue(r.props.dropInvalidHeaderFields)) r.report("dropInvalidHeaderFields is off. Turn it on.");
  },
});
