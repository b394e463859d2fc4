import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, serviceTrustPolicy } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { AccountContext, auditLogGroup, PREFIX } from "./archive";

export interface TrailArgs {
  naming: Naming;
  ctx: AccountContext;
  trailName: string;
  bucket: aws.s3.Bucket;
  bucketPolicy: aws.s3.BucketPolicy;
  keyArn: pulumi.Input<string>;
  /** CloudWatch Logs retention of the trail's log group: the immediately available window. */
  logRetentionDays: number;
  /** Buckets holding customer data: every object-level read and write is recorded (data events). */
  customerDataBucketNames: pulumi.Input<string>[];
}

/**
 * A multi-region trail of every management event (read and write, global services included), with
 * log file validation (integrity digests, PCI DSS 10.3.4 / CIS CloudTrail.4), SSE-KMS with the audit
 * key, delivery to CloudWatch Logs for the EventBridge-independent search window, and S3 data
 * events for the customer-data buckets only ($0.10 per 100,000 events: all buckets would pay for
 * the platform's own log traffic).
 */
export function createTrail(parent: pulumi.Resource, args: TrailArgs) {
  const { naming, ctx } = args;
  const logGroup = auditLogGroup(parent, "trail-logs", {
    name: naming.logGroup("cloudtrail"),
    tagName: naming.physical("cloudtrail"),
    retentionInDays: args.logRetentionDays,
    keyArn: args.keyArn,
  });
  const role = new aws.iam.Role(
    "trail-logs-role",
    {
      name: naming.physical("cloudtrail-logs", "iamRole"),
      assumeRolePolicy: serviceTrustPolicy("cloudtrail.amazonaws.com", { accountId: ctx.accountId }),
    },
    { parent },
  );
  const rolePolicy = new aws.iam.RolePolicy(
    "trail-logs-policy",
    {
      role: role.name,
      policy: policyDocument([
        {
          Sid: "WriteTrailLogStreams",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: pulumi.interpolate`${logGroup.arn}:log-stream:*`,
        },
      ]),
    },
    { parent },
  );

  const dataSelector = pulumi.all([pulumi.all(args.customerDataBucketNames), ctx.partition]).apply(([names, partition]) =>
    names.length === 0
      ? []
      : [
          {
            name: "Object-level events of the customer-data buckets",
            fieldSelectors: [
              { field: "eventCategory", equals: ["Data"] },
              { field: "resources.type", equals: ["AWS::S3::Object"] },
              { field: "resources.ARN", startsWiths: names.map((n) => `arn:${partition}:s3:::${n}/`) },
            ],
          },
        ],
  );
  const trail = new aws.cloudtrail.Trail(
    "trail",
    {
      name: args.trailName,
      s3BucketName: args.bucket.bucket,
      s3KeyPrefix: PREFIX.cloudTrail,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: args.keyArn,
      // CloudTrail requires the log-stream wildcard on the group ARN.
      cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      advancedEventSelectors: dataSelector.apply((data) => [
        { name: "All management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
        ...data,
      ]),
      tags: { Name: args.trailName },
    },
    // The bucket policy and the log role's policy must exist before CloudTrail validates them.
    { parent, dependsOn: [args.bucketPolicy, rolePolicy] },
  );
  return { trail, logGroup };
}
