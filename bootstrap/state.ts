import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { customerManagedKey, keyPolicy } from "../lib/kms";
import { Naming } from "../lib/naming";
import { secureBucket } from "../lib/secure-bucket";
import { BootstrapConfig, Environment } from "./config";

export interface StateBackendArgs {
  config: BootstrapConfig;
  accountId: pulumi.Input<string>;
  callerArn: pulumi.Input<string>;
  provider: aws.Provider;
  parent: pulumi.Resource;
}

export interface StateBackend {
  bucket: aws.s3.Bucket;
  stateKey: aws.kms.Key;
  /** One `awskms://` secrets-provider key per platform environment of this account. */
  secretsKeys: Record<string, aws.kms.Key>;
  secretsKeyAliases: Record<string, string>;
  /** `s3://<bucket>?region=<region>&awssdk=v2`, for `pulumi login` and the workflows' cloud-url. */
  backendUrl: pulumi.Output<string>;
}

/**
 * The DIY state backend: a versioned, KMS-encrypted, private, TLS-only bucket whose every request is
 * logged (S3 server access logs) to a second bucket, and the stacks' secrets keys. Versioning keeps
 * every checkpoint, so a bad write is recovered by restoring the previous object version.
 */
export function stateBackend(a: StateBackendArgs): StateBackend {
  const { config } = a;
  const opts = { parent: a.parent, provider: a.provider };
  const ci = new Naming(config.platformProject, "ci");

  const stateKey = customerManagedKey(a.parent, "state-key", {
    naming: ci,
    aliasStem: `${config.stack}-state`,
    description: "Pulumi state bucket",
    policy: keyPolicy(a.accountId, a.callerArn),
    protect: config.protect,
    provider: a.provider,
  });

  // S3 server access logs can only be delivered to a bucket encrypted with SSE-S3 (S3 user guide,
  // "Enabling Amazon S3 server access logging"): the one SSE-S3 exception of bootstrap/policy.json.
  const logBucketName = `${config.stateBucketName}-access-logs`;
  const logs = secureBucket(a.parent, "state-access-logs", {
    bucketName: logBucketName,
    dataClassification: "internal",
    noncurrentExpireAfterDays: 30,
    expireAfterDays: 400,
    protect: config.protect,
    statements: (arn) => [
      {
        Sid: "S3ServerAccessLogs",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${arn}/state/*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": a.accountId },
          ArnLike: { "aws:SourceArn": `arn:aws:s3:::${config.stateBucketName}` },
        },
      },
    ],
  });

  const state = secureBucket(a.parent, "state", {
    bucketName: config.stateBucketName,
    dataClassification: "confidential",
    kmsKeyArn: stateKey.arn,
    // Old checkpoints: a year of history to roll back to; the current ones never expire.
    noncurrentExpireAfterDays: 365,
    protect: config.protect,
  });
  new aws.s3.BucketLogging(
    "state-logging",
    { bucket: state.bucket.bucket, targetBucket: logs.bucket.bucket, targetPrefix: "state/" },
    { ...opts, dependsOn: [logs.policy] },
  );

  const secretsKeys: Record<string, aws.kms.Key> = {};
  const secretsKeyAliases: Record<string, string> = {};
  for (const env of config.environments as Environment[]) {
    const naming = new Naming(config.platformProject, env);
    secretsKeys[env] = customerManagedKey(a.parent, `${env}-secrets-key`, {
      naming,
      aliasStem: "pulumi-secrets",
      description: "Pulumi secrets provider (awskms://)",
      policy: keyPolicy(a.accountId, a.callerArn),
      tags: { Environment: env },
      protect: config.protect,
      provider: a.provider,
    });
    secretsKeyAliases[env] = `alias/${naming.physical("pulumi-secrets")}`;
  }

  return {
    bucket: state.bucket,
    stateKey,
    secretsKeys,
    secretsKeyAliases,
    backendUrl: pulumi.interpolate`s3://${state.bucket.bucket}?region=${config.region}&awssdk=v2`,
  };
}
