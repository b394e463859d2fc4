import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../../lib/iam";
import { Naming } from "../../lib/naming";

/**
 * The AWS-managed policies AWS Backup documents for its service role: backups and restores of the
 * supported services, and the separate S3 pair (AWS Backup developer guide, "Managed policies for
 * AWS Backup"). AWS maintains them as services add backup features.
 */
export const BACKUP_MANAGED_POLICIES = [
  "service-role/AWSBackupServiceRolePolicyForBackup",
  "service-role/AWSBackupServiceRolePolicyForRestores",
  "AWSBackupServiceRolePolicyForS3Backup",
  "AWSBackupServiceRolePolicyForS3Restore",
] as const;

/** The role AWS Backup assumes to back up, copy and restore (including restore tests). */
export function createBackupRole(
  parent: pulumi.Resource,
  naming: Naming,
  identity: pulumi.Output<aws.GetCallerIdentityResult>,
): aws.iam.Role {
  const role = new aws.iam.Role(
    "backup-role",
    {
      name: naming.physical("backup", "iamRole"),
      description: "AWS Backup: backup, copy and restore jobs of this stack",
      assumeRolePolicy: serviceTrustPolicy("backup.amazonaws.com", { accountId: identity.accountId }),
      tags: { Name: naming.physical("backup") },
    },
    { parent },
  );
  const partition = identity.arn.apply((arn) => arn.split(":")[1] ?? "aws");
  for (const policy of BACKUP_MANAGED_POLICIES) {
    const key = policy.split("/").pop()!.replace("AWSBackupServiceRolePolicyFor", "").toLowerCase();
    new aws.iam.RolePolicyAttachment(
      `backup-role-${key}`,
      { role: role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}` },
      { parent },
    );
  }
  return role;
}
