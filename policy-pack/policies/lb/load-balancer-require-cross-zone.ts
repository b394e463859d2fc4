import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const lbLoadBalancerRequireCrossZone = resourcePolicy({
  name: "aws-lb-load-balancer-require-cross-zone",
  description:
    "Network and Gateway Load Balancers balance across zones (cross-zone load balancing), so losing a zone does not drop its share of traffic.",
  severity: "low",
  topic: "availability",
  category: "availability",
  controls: {
    none: "Security Hub's cross-zone control (ELB.9) covers Classic Load Balancers only; the rule follows checkov CKV_AWS_152.",
  },
  remediationSteps: "Set enableCrossZoneLoadBalancing: true (Application Load Balancers always balance across zones).",
  types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
  validate: (r) => {
    const t = r.props.loadBalancerType;
    if (isUnknown(t)) return r.undecided("loadBalancerType", t);
    if (t === undefined || t === "application") return;
    requireThat(
      r,
      "enableCrossZoneLoadBalancing",
      on,
      `enableCrossZoneLoadBalancing is off on this ${String(t)} load balancer. Turn it on.`,
    );
  },
});
