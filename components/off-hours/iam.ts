import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement, serviceTrustPolicy } from "../../lib/iam";
import { Naming } from "../../lib/naming";

/**
 * The role EventBridge Scheduler assumes for the out-of-hours schedules: it may resize exactly
 * these node groups and stop/start exactly this database, and only Scheduler of this account can
 * assume it (`aws:SourceAccount`).
 */
export function createSchedulerRole(
  parent: pulumi.Resource,
  naming: Naming,
  nodeGroupArns: pulumi.Input<string>[],
  databaseArn: pulumi.Input<string> | undefined,
): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
  const opts = { parent };
  const identity = aws.getCallerIdentityOutput({}, opts);
  const statements: Statement[] = [];
  if (nodeGroupArns.length)
    statements.push({ Sid: "ScaleTheNodeGroups", Effect: "Allow", Action: "eks:UpdateNodegroupConfig", Resource: nodeGroupArns });
  if (databaseArn)
    statements.push({
      Sid: "StopAndStartTheDatabase",
      Effect: "Allow",
      Action: ["rds:StopDBInstance", "rds:StartDBInstance"],
      Resource: databaseArn,
    });
  const role = new aws.iam.Role(
    "scheduler-role",
    {
      name: naming.physical("off-hours-scheduler", "iamRole"),
      description: "EventBridge Scheduler: out-of-hours scale-down of node groups and database",
      assumeRolePolicy: serviceTrustPolicy("scheduler.amazonaws.com", { accountId: identity.accountId }),
    },
    opts,
  );
  const policy = new aws.iam.RolePolicy("scheduler-policy", { role: role.id, policy: policyDocument(statements) }, opts);
  return { role, policy };
}
