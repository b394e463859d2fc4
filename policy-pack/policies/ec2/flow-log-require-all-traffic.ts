import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const flowLogAllTraffic = resourcePolicy({
  name: "aws-ec2-flow-log-require-all-traffic",
  description: "VPC flow logs capture ALL traffic (accepted and rejected).",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["CIS-AWS-3.0:3.7", "PCI-DSS-4.0.1:10.2.1"],
  remediationSteps: 'Set trafficType: "ALL".',
  types: [T.flowLog],
  validate: (r) => {
    if (isUnknown(r.props.trafficType)) return r.undecided("trafficType", r.props.trafficType);
    if (r.props.trafficType !== "ALL") r.report(`trafficType is ${String(r.props.trafficType)}; capture ALL traffic.`);
  },
});
