import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../../lib/iam";
import { Naming } from "../../lib/naming";

/** The logs each instance exports to CloudWatch Logs. */
export const EXPORTED_LOGS = ["postgresql", "upgrade"] as const;

/**
 * The Enhanced Monitoring role. Its only policy is AWS's `AmazonRDSEnhancedMonitoringRole`, the one
 * the RDS User Guide documents ("Setting up and enabling Enhanced Monitoring"): it lets RDS create
 * and write the `RDSOSMetrics` log group only. IAM is global, so the DR replica uses it too.
 */
export function createMonitoringRole(
  parent: pulumi.Resource,
  naming: Naming,
  accountId: pulumi.Input<string>,
  partition: pulumi.Input<string>,
) {
  const role = new aws.iam.Role(
    "monitoring-role",
    {
      name: naming.physical("rds-enhanced-monitoring", "iamRole"),
      assumeRolePolicy: serviceTrustPolicy("monitoring.rds.amazonaws.com", { accountId }),
    },
    { parent },
  );
  new aws.iam.RolePolicyAttachment(
    "monitoring-policy",
    {
      role: role.name,
      policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    },
    { parent },
  );
  return role;
}

/**
 * The groups RDS writes exported logs to, `/aws/rds/instance/<id>/<log>`, created before the
 * instance so that they carry our retention and key (RDS would otherwise create them unencrypted and
 * kept forever).
 */
export function createInstanceLogGroups(
  parent: pulumi.Resource,
  logicalPrefix: string,
  identifier: string,
  retentionDays: number,
  kmsKeyArn: pulumi.Input<string>,
  protect: boolean,
) {
  return EXPORTED_LOGS.map(
    (log) =>
      new aws.cloudwatch.LogGroup(
        `${logicalPrefix}-${log}-logs`,
        {
          name: `/aws/rds/instance/${identifier}/${log}`,
          retentionInDays: retentionDays,
          kmsKeyId: kmsKeyArn,
          tags: { Name: `${identifier}-${log}`, DataClassification: "confidential" },
        },
        { parent, protect },
      ),
  );
}
