import { resourcePolicy } from "../../lib/policy";
import { get, isSet, isTrue, isUnknown } from "../../lib/props";
import { LOAD_BALANCERS } from "../../lib/types";

export const lbAccessLogs = resourcePolicy({
  name: "aws-lb-load-balancer-require-access-logs",
  description: "Load balancers write access logs to S3.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:ELB.5", "PCI-DSS-4.0.1:10.2.1"],
  remediationSteps: "Set accessLogs { bucket: <log archive bucket>, enabled: true }.",
  types: LOAD_BALANCERS,
  validate: (r) => {
    const enabled = get(r.props, "accessLogs.enabled");
    if (isUnknown(enabled)) return r.undecided("accessLogs.enabled", enabled);
    if (!isTrue(enabled) || !isSet(get(r.props, "accessLogs.bucket")))
      r.report("Access logs are off. Set accessLogs.bucket and enabled: true.");
  },
});
