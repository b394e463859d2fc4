import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Statement } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { secureBucket } from "../../lib/secure-bucket";
import { ELB_ACCOUNT_REGIONS } from "./alb";

/** Prefix of the ALB's objects; ELB appends `AWSLogs/<account>/elasticloadbalancing/...`. */
export const ALB_LOG_PREFIX = "alb";

export interface AlbLogsArgs {
  naming: Naming;
  region: string;
  expireAfterDays: number;
  protect: boolean;
}

/**
 * The ALB access-log bucket. SSE-S3, not SSE-KMS: ALB access logs support only S3-managed keys
 * (ELB ALB guide, "Enable access logs": "the only server-side encryption option that's supported
 * is Amazon S3-managed keys (SSE-S3)"). ELB log delivery may only put objects under its own prefix.
 */
export function createAlbLogBucket(parent: pulumi.Resource, args: AlbLogsArgs) {
  const { naming } = args;
  const identity = aws.getCallerIdentityOutput({}, { parent });
  // Older regions: the regional ELB account; newer ones: the log-delivery service principal.
  const principal: Record<string, pulumi.Input<string>> = ELB_ACCOUNT_REGIONS.includes(args.region)
    ? { AWS: aws.elb.getServiceAccountOutput({ region: args.region }, { parent }).arn }
    : { Service: "logdelivery.elasticloadbalancing.amazonaws.com" };
  return secureBucket(parent, "alb-logs", {
    bucketName: naming.bucket("alb-logs", identity.accountId, args.region),
    // Client IPs, URLs and user agents: personal data.
    dataClassification: "confidential",
    expireAfterDays: args.expireAfterDays,
    noncurrentExpireAfterDays: 7,
    protect: args.protect,
    statements: (bucketArn): Statement[] => [
      {
        Sid: "ElbLogDeliveryWritesItsPrefixOnly",
        Effect: "Allow",
        Principal: principal,
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${bucketArn}/${ALB_LOG_PREFIX}/AWSLogs/${identity.accountId}/*`,
      },
    ],
  });
}
