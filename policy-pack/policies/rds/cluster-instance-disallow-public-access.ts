import { notOn, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const rdsClusterInstanceDisallowPublicAccess = resourcePolicy({
  name: "aws-rds-cluster-instance-disallow-public-access",
  description: "Aurora cluster instances have no public endpoint.",
  severity: "critical",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:RDS.2", "CIS-AWS-3.0:2.3.3"],
  remediationSteps: "Set publiclyAccessible: false.",
  types: ["aws:rds/clusterInstance:ClusterInstance"],
  validate: (r) => {
    requireThat(r, "publiclyAccessible", notOn, "publiclyAccessible is true: the instance gets a public address. Turn it off.");
  },
});
