import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Statement } from "../../lib/iam";
import { customerManagedKey, keyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { secureBucket } from "../../lib/secure-bucket";

/** Key prefixes of the audit-log bucket, one per writer. */
export const PREFIX = { cloudTrail: "cloudtrail", guardDuty: "guardduty", config: "config", sessions: "ssm-sessions" } as const;

export interface AccountContext {
  accountId: pulumi.Output<string>;
  callerArn: pulumi.Output<string>;
  partition: pulumi.Output<string>;
  region: string;
}

export interface AuditArchiveArgs {
  naming: Naming;
  ctx: AccountContext;
  /** Physical name of the trail (its ARN scopes CloudTrail's bucket and key statements). */
  trailName: string;
  objectLockMode: "GOVERNANCE" | "COMPLIANCE";
  /** Object Lock retention and expiry of audit logs. */
  retentionDays: number;
  /** Days in S3 Standard (immediately available) before Glacier Flexible Retrieval. */
  immediateDays: number;
  /** Which writers the bucket and key admit. */
  writers: { cloudTrail: boolean; guardDuty: boolean; config: boolean };
}

export interface AuditArchive {
  key: aws.kms.Key;
  bucket: aws.s3.Bucket;
  bucketPolicy: aws.s3.BucketPolicy;
  accessLogBucket: aws.s3.Bucket;
}

/**
 * The account's audit-log archive: one customer-managed key and one bucket for CloudTrail,
 * GuardDuty finding exports, AWS Config snapshots and Session Manager transcripts, each under its
 * own prefix, plus the bucket that receives the archive's S3 server access logs (CIS CloudTrail.7).
 *
 * Tamper resistance (PCI DSS 10.3.2-10.3.4): Object Lock default retention (GOVERNANCE outside prod,
 * COMPLIANCE in prod: not even the root user can shorten it), versioning, TLS-only, public access
 * blocked, KMS, and `protect` in every stack: a destroy of a locked bucket fails anyway, and audit
 * evidence is not something a dev stack should lose by accident either.
 *
 * The access-log bucket uses the same KMS key: S3 log delivery writes to SSE-KMS buckets when the
 * key policy admits `logging.s3.amazonaws.com` (aws/aws-cdk pull request 25350, which removed the
 * CDK's SSE-S3-only check after testing it).
 */
export function auditArchive(parent: pulumi.Resource, args: AuditArchiveArgs): AuditArchive {
  const { naming, ctx } = args;
  const trailArn = pulumi.interpolate`arn:${ctx.partition}:cloudtrail:${ctx.region}:${ctx.accountId}:trail/${args.trailName}`;
  const sourceAccount = { StringEquals: { "aws:SourceAccount": ctx.accountId } };

  const keyStatements: Statement[] = [
    {
      Sid: "CloudWatchLogsOfThisAccount",
      Effect: "Allow",
      Principal: { Service: `logs.${ctx.region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:*`,
        },
      },
    },
    {
      Sid: "S3ServerAccessLogDelivery",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: sourceAccount,
    },
  ];
  if (args.writers.cloudTrail) {
    // CloudTrail's key policy (CloudTrail user guide, "Configure AWS KMS key policies for CloudTrail").
    keyStatements.push(
      {
        Sid: "CloudTrailEncryptsLogsOfThisTrail",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: {
          StringLike: {
            "kms:EncryptionContext:aws:cloudtrail:arn": pulumi.interpolate`arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/*`,
          },
          StringEquals: { "aws:SourceArn": trailArn },
        },
      },
      {
        Sid: "CloudTrailDescribesKey",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceArn": trailArn } },
      },
    );
  }
  if (args.writers.guardDuty) {
    keyStatements.push({
      Sid: "GuardDutyEncryptsFindingExports",
      Effect: "Allow",
      Principal: { Service: "guardduty.amazonaws.com" },
      Action: "kms:GenerateDataKey",
      Resource: "*",
      Condition: sourceAccount,
    });
  }
  if (args.writers.config) {
    keyStatements.push({
      Sid: "ConfigEncryptsDeliveries",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: sourceAccount,
    });
  }
  const key = customerManagedKey(parent, "audit-key", {
    naming,
    aliasStem: "audit-logs",
    description: "audit logs (CloudTrail, GuardDuty, Config, Session Manager)",
    policy: keyPolicy(ctx.accountId, ctx.callerArn, keyStatements),
    protect: true,
  });

  // Bucket names are global across every account: the naming helper adds the account and region.
  const accessLogBucketName = naming.bucket("audit-access-logs", ctx.accountId, ctx.region);
  const bucketName = naming.bucket("audit-logs", ctx.accountId, ctx.region);
  const accessLogs = secureBucket(parent, "audit-access-logs", {
    bucketName: accessLogBucketName,
    dataClassification: "confidential",
    kmsKeyArn: key.arn,
    glacierAfterDays: args.immediateDays,
    expireAfterDays: args.retentionDays,
    noncurrentExpireAfterDays: 30,
    statements: (arn) => [
      {
        Sid: "S3ServerAccessLogDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${arn}/*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": ctx.accountId },
          ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${ctx.partition}:s3:::${bucketName}` },
        },
      },
    ],
    protect: true,
  });

  const archive = secureBucket(parent, "audit-logs", {
    bucketName,
    dataClassification: "confidential",
    kmsKeyArn: key.arn,
    objectLock: { mode: args.objectLockMode, days: args.retentionDays },
    accessLogs: { targetBucket: accessLogs.bucket.bucket, prefix: pulumi.interpolate`${bucketName}/` },
    // PCI DSS 10.5.1: the most recent three months immediately available, twelve months kept.
    glacierAfterDays: args.immediateDays,
    expireAfterDays: args.retentionDays,
    // Noncurrent versions are locked as long as current ones; expiring them earlier would only fail.
    noncurrentExpireAfterDays: args.retentionDays + 1,
    statements: (arn) => writerStatements(arn, ctx, trailArn, args.writers),
    protect: true,
  });
  return { key, bucket: archive.bucket, bucketPolicy: archive.policy, accessLogBucket: accessLogs.bucket };
}

function writerStatements(
  arn: pulumi.Output<string>,
  ctx: AccountContext,
  trailArn: pulumi.Output<string>,
  writers: AuditArchiveArgs["writers"],
): Statement[] {
  const sourceAccount = { "aws:SourceAccount": ctx.accountId };
  const out: Statement[] = [];
  if (writers.cloudTrail) {
    // CloudTrail user guide, "Amazon S3 bucket policy for CloudTrail", scoped to this trail.
    out.push(
      {
        Sid: "CloudTrailChecksAcl",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: arn,
        Condition: { StringEquals: { "aws:SourceArn": trailArn } },
      },
      {
        Sid: "CloudTrailWrites",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${arn}/${PREFIX.cloudTrail}/AWSLogs/${ctx.accountId}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
      },
    );
  }
  if (writers.guardDuty) {
    // GuardDuty user guide, "Exporting generated findings to Amazon S3".
    out.push(
      {
        Sid: "GuardDutyLocatesBucket",
        Effect: "Allow",
        Principal: { Service: "guardduty.amazonaws.com" },
        Action: "s3:GetBucketLocation",
        Resource: arn,
        Condition: { StringEquals: sourceAccount },
      },
      {
        Sid: "GuardDutyWritesFindings",
        Effect: "Allow",
        Principal: { Service: "guardduty.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${arn}/${PREFIX.guardDuty}/*`,
        Condition: { StringEquals: sourceAccount },
      },
    );
  }
  if (writers.config) {
    // AWS Config developer guide, "Permissions for the Amazon S3 bucket for the AWS Config delivery channel".
    out.push(
      {
        Sid: "ConfigChecksBucket",
        Effect: "Allow",
        Principal: { Service: "config.amazonaws.com" },
        Action: ["s3:GetBucketAcl", "s3:ListBucket"],
        Resource: arn,
        Condition: { StringEquals: sourceAccount },
      },
      {
        Sid: "ConfigWrites",
        Effect: "Allow",
        Principal: { Service: "config.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${arn}/${PREFIX.config}/AWSLogs/${ctx.accountId}/Config/*`,
        Condition: { StringEquals: { ...sourceAccount, "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
    );
  }
  return out;
}

/**
 * A security log group: encrypted with the audit key, kept for the immediately available window,
 * `protect`ed like the rest of the audit evidence.
 */
export function auditLogGroup(
  parent: pulumi.Resource,
  logicalName: string,
  args: { name: string; tagName: string; retentionInDays: number; keyArn: pulumi.Input<string> },
): aws.cloudwatch.LogGroup {
  return new aws.cloudwatch.LogGroup(
    logicalName,
    {
      name: args.name,
      retentionInDays: args.retentionInDays,
      kmsKeyId: args.keyArn,
      tags: { Name: args.tagName, DataClassification: "confidential" },
    },
    { parent, protect: true },
  );
}
