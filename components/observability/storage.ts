import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement } from "../../lib/iam";
import { keyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";

export type DataClassification = "public" | "internal" | "confidential" | "restricted";

export interface SecureBucketArgs {
  naming: Naming;
  /** Logical and physical name stem, e.g. `log-archive`. */
  name: string;
  /** Customer-managed key for SSE-KMS. */
  kmsKeyArn: pulumi.Input<string>;
  dataClassification: DataClassification;
  /** Move objects to S3 Glacier Flexible Retrieval after this many days (undefined: never). */
  glacierAfterDays?: number;
  /** Delete objects (and noncurrent versions) after this many days. */
  expireAfterDays: number;
  /** Statements added to the bucket policy (service writers), after the TLS-only deny. */
  extraStatements?: (bucketArn: pulumi.Output<string>) => Statement[];
  protect: boolean;
}

/**
 * A private bucket with the v7 split resources: SSE-KMS with a bucket key, all public access
 * blocked, ACLs disabled (BucketOwnerEnforced), versioning, lifecycle, and a policy that denies any
 * request not made over TLS.
 */
export function secureBucket(parent: pulumi.Resource, args: SecureBucketArgs) {
  const opts = { parent };
  const bucketName = args.naming.physical(args.name, "bucket");
  const bucket = new aws.s3.Bucket(
    args.name,
    {
      bucket: bucketName,
      // Emptying a protected prod archive must be a deliberate act, not a side effect of destroy.
      forceDestroy: !args.protect,
      tags: { Name: bucketName, DataClassification: args.dataClassification },
    },
    { parent, protect: args.protect },
  );
  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    `${args.name}-public-access`,
    { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    opts,
  );
  new aws.s3.BucketOwnershipControls(
    `${args.name}-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${args.name}-sse`,
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
          bucketKeyEnabled: true,
        },
      ],
    },
    opts,
  );
  const versioning = new aws.s3.BucketVersioning(
    `${args.name}-versioning`,
    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    opts,
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${args.name}-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "archive-then-expire",
          status: "Enabled",
          filter: {},
          transitions: args.glacierAfterDays === undefined ? [] : [{ days: args.glacierAfterDays, storageClass: "GLACIER" }],
          expiration: { days: args.expireAfterDays },
          noncurrentVersionExpiration: { noncurrentDays: 30 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    { parent, dependsOn: [versioning] },
  );
  new aws.s3.BucketPolicy(
    `${args.name}-policy`,
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
        ...(args.extraStatements?.(bucket.arn) ?? []),
      ]),
    },
    // The public access block first: with BlockPublicPolicy on, a policy is checked against it.
    { parent, dependsOn: [publicAccess] },
  );
  return bucket;
}

/**
 * The customer-managed key of the observability data stores (log archive, canary artifacts):
 * administered through IAM; the services that write with it get grants through their roles.
 */
export function dataKey(
  parent: pulumi.Resource,
  naming: Naming,
  name: string,
  description: string,
  dataClassification: DataClassification,
  protect: boolean,
) {
  const identity = aws.getCallerIdentityOutput({}, { parent });
  const key = new aws.kms.Key(
    `${name}-key`,
    {
      description: `${naming.prefix} ${description}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy(identity.accountId, identity.arn),
      tags: { Name: naming.physical(name), DataClassification: dataClassification },
    },
    { parent, protect },
  );
  new aws.kms.Alias(`${name}-key-alias`, { name: `alias/${naming.physical(name)}`, targetKeyId: key.keyId }, { parent });
  return key;
}
