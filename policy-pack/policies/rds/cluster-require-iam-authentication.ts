import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const rdsClusterRequireIamAuthentication = resourcePolicy({
  name: "aws-rds-cluster-require-iam-authentication",
  description:
    "RDS clusters accept IAM database authentication, so applications log in with short-lived tokens instead of stored passwords.",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:RDS.12"],
  remediationSteps: "Set iamDatabaseAuthenticationEnabled: true and grant rds_iam to the application users.",
  types: ["aws:rds/cluster:Cluster"],
  validate: (r) => {
    requireThat(r, "iamDatabaseAuthenticationEnabled", on, "iamDatabaseAuthenticationEnabled is off. Turn it on.");
  },
});
