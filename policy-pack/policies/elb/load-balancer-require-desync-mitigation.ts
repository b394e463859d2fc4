import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { LOAD_BALANCERS } from "../../lib/types";

export const lbDesyncMitigation = resourcePolicy({
  name: "aws-lb-load-balancer-require-desync-mitigation",
  description: "Application load balancers use the defensive or strictest HTTP desync mitigation mode.",
  severity: "medium",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:ELB.12", "PCI-DSS-4.0.1:6.4.1"],
  remediationSteps: 'Leave desyncMitigationMode at "defensive" (the default) or set "strictest".',
  types: LOAD_BALANCERS,
  validate: (r) => {
    if ((r.props.loadBalancerType ?? "application") !== "application") return;
    const mode = r.props.desyncMitigationMode ?? "defensive";
    if (isUnknown(mode)) return r.undecided("desyncMitigationMode", mode);
    if (mode !== "defensive" && mode !== "strictest")
      r.report(`desyncMitigationMode is ${String(mode)}; use defensive or strictest.`);
  },
});
