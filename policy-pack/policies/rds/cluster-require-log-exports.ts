import { resourcePolicy } from "../../lib/policy";
import { isUnknown, list } from "../../lib/props";

export const rdsClusterRequireLogExports = resourcePolicy({
  name: "aws-rds-cluster-require-log-exports",
  description:
    "RDS clusters export their database logs to CloudWatch Logs (postgresql for Aurora PostgreSQL; audit, error and slowquery for Aurora MySQL).",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:RDS.34"],
  remediationSteps: 'Set enabledCloudwatchLogsExports (["postgresql"] or ["audit", "error", "slowquery"]).',
  types: ["aws:rds/cluster:Cluster"],
  validate: (r) => {
    const engine = r.props.engine;
    if (isUnknown(engine)) return r.undecided("engine", engine);
    const need = String(engine ?? "aurora-mysql").includes("postgres") ? ["postgresql"] : ["audit", "error", "slowquery"];
    const logs = list(r.props.enabledCloudwatchLogsExports);
    if (logs === undefined) return r.undecided("enabledCloudwatchLogsExports", r.props.enabledCloudwatchLogsExports);
    const missing = need.filter((l) => !logs.includes(l));
    if (missing.length > 0) r.report(`enabledCloudwatchLogsExports lacks ${missing.join(", ")}. Export the database logs.`);
  },
});
