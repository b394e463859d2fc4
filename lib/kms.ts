import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement } from "./iam";
import { Naming } from "./naming";

export interface CustomerManagedKeyArgs {
  naming: Naming;
  /** Stem of the alias: the alias is `alias/<naming.physical(aliasStem)>`. */
  aliasStem: string;
  /** What the key protects; rendered as `<naming.prefix> <description>`. */
  description: string;
  /** The key policy (see `keyPolicy` and `logsKeyPolicy`). */
  policy: pulumi.Input<string>;
  /** Protect the key from deletion (prod). The alias is never protected: it is cheap to recreate. */
  protect: boolean;
  tags?: Record<string, string>;
  /** Provider of the key's region; omitted: the parent's (stack-region) provider. */
  provider?: pulumi.ProviderResource;
}

/**
 * The platform's one way to make a customer-managed KMS key: the key (logical name `name`) and its
 * alias (logical name `<name>-alias`, physical `alias/<naming.physical(aliasStem)>`).
 *
 * Fixed for every key, not per caller:
 * - automatic rotation on: CIS AWS Foundations Benchmark 3.6 ("Ensure rotation for customer-created
 *   symmetric CMKs is enabled") and PCI DSS (cryptoperiod of keys) require it;
 * - a 30-day deletion window, the maximum KMS allows: the longest time to notice a mistaken
 *   scheduled deletion and cancel it before the data encrypted under the key becomes unreadable.
 */
export function customerManagedKey(parent: pulumi.Resource, name: string, args: CustomerManagedKeyArgs): aws.kms.Key {
  const { naming, provider } = args;
  const withProvider = provider ? { provider } : {};
  const key = new aws.kms.Key(
    name,
    {
      description: `${naming.prefix} ${args.description}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: args.policy,
      ...(args.tags ? { tags: args.tags } : {}),
    },
    { parent, protect: args.protect, ...withProvider },
  );
  new aws.kms.Alias(
    `${name}-alias`,
    { name: `alias/${naming.physical(args.aliasStem)}`, targetKeyId: key.keyId },
    { parent, ...withProvider },
  );
  return key;
}

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
