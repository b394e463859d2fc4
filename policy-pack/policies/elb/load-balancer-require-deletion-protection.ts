import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";
import { LOAD_BALANCERS } from "../../lib/types";

export const lbDeletionProtection = resourcePolicy({
  name: "aws-lb-load-balancer-require-deletion-protection",
  description: "Load balancers have deletion protection on (their DNS name is what customers and CloudFront point at).",
  severity: "low",
  topic: "data-protection",
  category: "availability",
  controls: ["FSBP:ELB.6"],
  remediationSteps: "Set enableDeletionProtection: true (advisory in dev).",
  types: LOAD_BALANCERS,
  validate: (r) => {
    if (isUnknown(r.props.enableDeletionProtection))
      return r.undecided("enableDeletionProtection", r.props.enableDeletionProtection);
    if (!isTrue(r.props.enableDeletionProtection)) r.report("enableDeletionProtection is off. Turn it on.");
  },
});
