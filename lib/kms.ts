import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement } from "./iam";

/**
 * Key policy for a CloudWatch Logs key: the account administers it through IAM, and the regional
 * Logs service may use it only for log groups of this account (the `aws:logs:arn` encryption
 * context condition from the CloudWatch Logs KMS documentation).
 */
export function logsKeyPolicy(
  accountId: pulumi.Input<string>,
  callerArn: pulumi.Input<string>,
  region: pulumi.Input<string>,
): pulumi.Output<string> {
  const partition = pulumi.output(callerArn).apply((arn) => arn.split(":")[1] ?? "aws");
  return keyPolicy(accountId, callerArn, [
    {
      Sid: "CloudWatchLogsOfThisAccount",
      Effect: "Allow",
      Principal: { Service: pulumi.interpolate`logs.${region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:*`,
        },
      },
    },
  ]);
}

/** `arn:<partition>:iam::<account>:root`, the principal that lets IAM policies of the account grant key use. */
export function accountRoot(accountId: pulumi.Input<string>, callerArn: pulumi.Input<string>): pulumi.Output<string> {
  const partition = pulumi.output(callerArn).apply((arn) => arn.split(":")[1] ?? "aws");
  return pulumi.interpolate`arn:${partition}:iam::${accountId}:root`;
}

/**
 * A key policy: the account administers the key through IAM (so no key becomes unmanageable), plus
 * the service statements the caller adds (each scoped by principal and condition).
 */
export function keyPolicy(
  accountId: pulumi.Input<string>,
  callerArn: pulumi.Input<string>,
  statements: Statement[] = [],
): pulumi.Output<string> {
  return policyDocument([
    {
      Sid: "AccountAdministersThroughIam",
      Effect: "Allow",
      Principal: { AWS: accountRoot(accountId, callerArn) },
      Action: "kms:*",
      Resource: "*",
    },
    ...statements,
  ]);
}
