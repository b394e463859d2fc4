import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement } from "./iam";

/** Data classification tag values (see README "Tagging"). */
export type DataClassification = "public" | "internal" | "confidential" | "restricted";

export interface SecureBucketArgs {
  /** Physical bucket name (from `Naming.bucket`: unique per account and region). */
  bucketName: pulumi.Input<string>;
  dataClassification: DataClassification;
  /** Customer-managed key for SSE-KMS; omitted means SSE-S3 (AES256) - only where the writer cannot use KMS. */
  kmsKeyArn?: pulumi.Input<string>;
  /** Days after which current objects move to S3 Glacier Flexible Retrieval; omitted means never. */
  glacierAfterDays?: number;
  /** Days after which current objects expire; omitted means they never expire. */
  expireAfterDays?: number;
  /** Days after which overwritten or deleted (noncurrent) versions are removed. */
  noncurrentExpireAfterDays: number;
  /** Statements added to the bucket policy after the TLS-only deny; they get the bucket ARN. */
  statements?: (bucketArn: pulumi.Output<string>) => Statement[];
  /**
   * Object Lock default retention (WORM): set at creation only, since S3 cannot turn Object Lock on
   * for an existing bucket through this resource. COMPLIANCE cannot be shortened by anyone.
   */
  objectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; days: number };
  /** Server access logging to this bucket (by name) under this prefix. */
  accessLogs?: { targetBucket: pulumi.Input<string>; prefix: pulumi.Input<string> };
  protect: boolean;
}

export interface SecureBucket {
  bucket: aws.s3.Bucket;
  policy: aws.s3.BucketPolicy;
}

/**
 * The platform's one way to make a bucket (the edge's logs and assets, the observability archive
 * and canary artifacts): a private bucket with every protection the platform requires, as @pulumi/aws 7 split resources:
 * default encryption, all four public-access blocks, ACLs disabled (BucketOwnerEnforced), versioning,
 * a lifecycle, and a policy that denies any request not made over TLS.
 */
export function secureBucket(parent: pulumi.Resource, name: string, args: SecureBucketArgs): SecureBucket {
  const opts = { parent };
  const bucket = new aws.s3.Bucket(
    name,
    {
      bucket: args.bucketName,
      // Emptying a protected (prod) bucket must be a deliberate act, not a side effect of destroy.
      forceDestroy: !args.protect,
      ...(args.objectLock ? { objectLockEnabled: true } : {}),
      tags: { Name: args.bucketName, DataClassification: args.dataClassification },
    },
    { parent, protect: args.protect },
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    {
      // By name (a bucket's id is its name): known at preview, so the policy pack's per-stack
      // `sseS3Buckets` exception can match the ALB log bucket.
      bucket: bucket.bucket,
      rules: [
        args.kmsKeyArn
          ? {
              applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
              // S3 Bucket Keys cut KMS requests (and cost) by up to 99% for busy buckets.
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    },
    opts,
  );
  const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access-block`,
    { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    opts,
  );
  new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
  const versioning = new aws.s3.BucketVersioning(
    `${name}-versioning`,
    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    opts,
  );
  if (args.objectLock) {
    new aws.s3.BucketObjectLockConfiguration(
      `${name}-object-lock`,
      {
        bucket: bucket.id,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.days } },
      },
      { parent, dependsOn: [versioning] },
    );
  }
  if (args.accessLogs) {
    new aws.s3.BucketLogging(
      `${name}-access-logging`,
      { bucket: bucket.id, targetBucket: args.accessLogs.targetBucket, targetPrefix: args.accessLogs.prefix },
      opts,
    );
  }
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "retention",
          status: "Enabled",
          filter: {},
          ...(args.glacierAfterDays ? { transitions: [{ days: args.glacierAfterDays, storageClass: "GLACIER" }] } : {}),
          ...(args.expireAfterDays ? { expiration: { days: args.expireAfterDays } } : {}),
          noncurrentVersionExpiration: { noncurrentDays: args.noncurrentExpireAfterDays },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    // The lifecycle of a versioned bucket must be applied after versioning (provider documentation).
    { parent, dependsOn: [versioning] },
  );
  const policy = new aws.s3.BucketPolicy(
    `${name}-policy`,
    {
      bucket: bucket.id,
      policy: policyDocument([
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        ...(args.statements ? args.statements(bucket.arn) : []),
      ]),
    },
    // A policy written before the public access block could briefly be evaluated without it.
    { parent, dependsOn: [publicAccessBlock] },
  );
  return { bucket, policy };
}
