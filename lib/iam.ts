import * as pulumi from "@pulumi/pulumi";

/**
 * IAM policy documents as plain JSON (not the `getPolicyDocument` invoke), so that their content
 * is visible to unit tests and to the policy pack at preview and offline.
 */
export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  /** Deny statements only: every action but these (e.g. MFA self-service). */
  NotAction?: string | string[];
  /** One ARN, a list, or a list computed from outputs (e.g. ARNs that embed the account id). */
  Resource?: pulumi.Input<string> | pulumi.Input<string>[] | pulumi.Output<string[]>;
  NotResource?: pulumi.Input<string> | pulumi.Input<string>[];
  Principal?: Record<string, pulumi.Input<string> | pulumi.Input<string>[]> | "*";
  Condition?:
    | Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>
    | pulumi.Output<Record<string, Record<string, string | string[]>>>;
}

/** A policy document (version 2012-10-17) rendered to a JSON string output. */
export function policyDocument(statements: Statement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** Where a role's trust is scoped: the account, and the region for services whose source ARN names one. */
export interface TrustScope {
  accountId: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

type Condition = NonNullable<Statement["Condition"]>;

/**
 * Per service principal, the trust-policy conditions its own documentation shows for the role it
 * assumes, and that page. A service that does not send `aws:SourceAccount`/`aws:SourceArn` when it
 * assumes a role (EC2 instance profiles, EKS, Lambda execution roles) would fail to assume a role
 * that requires them, so those get none: the caller's `iam:PassRole` is their guard.
 */
export const SERVICE_TRUST = {
  // https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html (node IAM role: no condition)
  "ec2.amazonaws.com": { conditions: (): Condition | undefined => undefined },
  // https://docs.aws.amazon.com/eks/latest/userguide/cluster-iam-role.html (cluster IAM role: no condition)
  "eks.amazonaws.com": { conditions: (): Condition | undefined => undefined },
  // https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html (execution role: no
  // condition; Lambda scopes credentials with lambda:SourceFunctionArn instead); the Synthetics
  // canary role is a Lambda execution role too
  // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_CanaryPermissions.html).
  "lambda.amazonaws.com": { conditions: (): Condition | undefined => undefined },
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html (the default
  // service role AWS Backup creates trusts backup.amazonaws.com with no condition)
  "backup.amazonaws.com": { conditions: (): Condition | undefined => undefined },
  // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-iam-setup.html (proxy role: no condition)
  "rds.amazonaws.com": { conditions: (): Condition | undefined => undefined },
  // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html
  // (Enhanced Monitoring role: aws:SourceAccount, "confused deputy" section)
  "monitoring.rds.amazonaws.com": {
    conditions: (s: TrustScope): Condition => ({ StringEquals: { "aws:SourceAccount": s.accountId } }),
  },
  // https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html
  // (role an EventBridge rule's target assumes: aws:SourceAccount)
  "events.amazonaws.com": {
    conditions: (s: TrustScope): Condition => ({ StringEquals: { "aws:SourceAccount": s.accountId } }),
  },
  // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cross-service-confused-deputy-prevention.html
  // (CloudTrail's role for CloudWatch Logs delivery: aws:SourceAccount)
  "cloudtrail.amazonaws.com": {
    conditions: (s: TrustScope): Condition => ({ StringEquals: { "aws:SourceAccount": s.accountId } }),
  },
  // https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html
  // (EventBridge Scheduler execution role: aws:SourceAccount)
  "scheduler.amazonaws.com": {
    conditions: (s: TrustScope): Condition => ({ StringEquals: { "aws:SourceAccount": s.accountId } }),
  },
  // https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#using-iam-s3
  // (Firehose to S3: sts:ExternalId = the account ID)
  "firehose.amazonaws.com": {
    conditions: (s: TrustScope): Condition => ({ StringEquals: { "sts:ExternalId": s.accountId } }),
  },
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#FirehoseExample
  // (subscription role: aws:SourceArn of the account's log groups in the region)
  "logs.amazonaws.com": {
    conditions: (s: TrustScope): Condition => ({
      ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:*:logs:${required(s.region, "logs")}:${s.accountId}:*` },
    }),
  },
  // https://docs.aws.amazon.com/fis/latest/userguide/getting-started-iam-service-role.html
  // (experiment role: aws:SourceAccount and aws:SourceArn of the account's experiments)
  "fis.amazonaws.com": {
    conditions: (s: TrustScope): Condition => ({
      StringEquals: { "aws:SourceAccount": s.accountId },
      ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:*:fis:${required(s.region, "fis")}:${s.accountId}:experiment/*` },
    }),
  },
  // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
  // (aws:SourceAccount and aws:SourceArn of the account's flow logs)
  "vpc-flow-logs.amazonaws.com": {
    conditions: (s: TrustScope): Condition => ({
      StringEquals: { "aws:SourceAccount": s.accountId },
      ArnLike: {
        "aws:SourceArn": pulumi.interpolate`arn:*:ec2:${required(s.region, "vpc-flow-logs")}:${s.accountId}:vpc-flow-log/*`,
      },
    }),
  },
} as const;

export type TrustedService = keyof typeof SERVICE_TRUST;

function required(region: pulumi.Input<string> | undefined, service: string): pulumi.Input<string> {
  if (region === undefined) throw new Error(`serviceTrustPolicy(${service}): its source ARN names the region; pass one`);
  return region;
}

/** A trust policy letting one AWS service assume the role, with the conditions of `SERVICE_TRUST`. */
export function serviceTrustPolicy(service: TrustedService, scope: TrustScope): pulumi.Output<string> {
  const condition = SERVICE_TRUST[service].conditions(scope);
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      ...(condition ? { Condition: condition } : {}),
    },
  ]);
}
