import { resourcePolicy } from "../../lib/policy";
import { isSet, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const rdsLogExports = resourcePolicy({
  name: "aws-rds-instance-require-log-exports",
  description: "RDS instances export their database logs to CloudWatch Logs.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:RDS.9", "PCI-DSS-4.0.1:10.2.1"],
  remediationSteps:
    'Set enabledCloudwatchLogsExports (PostgreSQL: ["postgresql", "upgrade"]; MySQL: ["error", "general", "slowquery", "audit"]).',
  types: [T.rdsInstance],
  validate: (r) => {
    if (isSet(r.props.replicateSourceDb)) return;
    const v = r.props.enabledCloudwatchLogsExports;
    if (isUnknown(v)) return r.undecided("enabledCloudwatchLogsExports", v);
    if (!Array.isArray(v) || v.length === 0) r.report("No log exports. Set enabledCloudwatchLogsExports.");
  },
});
