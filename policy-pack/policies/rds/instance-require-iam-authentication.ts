import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const rdsInstanceRequireIamAuthentication = resourcePolicy({
  name: "aws-rds-instance-require-iam-authentication",
  description:
    "RDS instances (PostgreSQL, MySQL, MariaDB) accept IAM database authentication, so applications log in with short-lived tokens.",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:RDS.10"],
  remediationSteps: "Set iamDatabaseAuthenticationEnabled: true and grant rds_iam to the application users.",
  types: ["aws:rds/instance:Instance"],
  validate: (r) => {
    const engine = r.props.engine;
    if (isUnknown(engine)) return r.undecided("engine", engine);
    if (typeof engine === "string" && !/^(postgres|mysql|mariadb)/.test(engine)) return; // Oracle, SQL Server: no IAM auth.
    requireThat(r, "iamDatabaseAuthenticationEnabled", on, "iamDatabaseAuthenticationEnabled is off. Turn it on.");
  },
});
