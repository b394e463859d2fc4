import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { customerManagedKey, keyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";

/**
 * AWS Backup Vault Lock. `governance`: users with `backup:DeleteBackupVaultLockConfiguration` can
 * still remove the lock; `compliance`: after `changeableForDays` (the grace time, at least 3 days)
 * nobody, not even the root user, can delete recovery points before their retention ends or remove
 * the lock (AWS Backup developer guide, "AWS Backup Vault Lock").
 */
export interface VaultLock {
  mode: "governance" | "compliance";
  /** Recovery points may not be set to expire earlier than this. */
  minRetentionDays: number;
  /** Nor later than this. */
  maxRetentionDays: number;
  /** Compliance mode only: days before the lock becomes immutable (minimum 3). */
  changeableForDays?: number;
}

export interface VaultArgs {
  naming: Naming;
  /** Logical key: `vault` (home region) or `dr-vault`. */
  key: string;
  identity: pulumi.Output<aws.GetCallerIdentityResult>;
  lock?: VaultLock;
  protect: boolean;
  /** The vault's region (default: the parent's provider). */
  provider?: aws.Provider;
}

/** A backup vault with its own customer-managed key and, when asked, a vault lock. */
export function createVault(parent: pulumi.Resource, args: VaultArgs) {
  const { naming, key, identity, provider } = args;
  const withProvider = provider ? { provider } : {};
  const kmsKey = customerManagedKey(parent, `${key}-key`, {
    naming,
    aliasStem: `backup-${key}`,
    description: `AWS Backup ${key}`,
    // AWS Backup encrypts recovery points with the vault's key on behalf of the account's
    // principals (its service role): the account statement suffices (AWS Backup developer guide,
    // "Encryption for backups in AWS Backup").
    policy: keyPolicy(identity.accountId, identity.arn),
    protect: args.protect,
    tags: { DataClassification: "confidential" },
    provider,
  });
  const vault = new aws.backup.Vault(
    key,
    {
      name: naming.physical(`backup-${key}`),
      kmsKeyArn: kmsKey.arn,
      // Never delete a vault that still holds recovery points.
      forceDestroy: false,
      tags: { Name: naming.physical(`backup-${key}`), DataClassification: "confidential" },
    },
    { parent, protect: args.protect, ...withProvider },
  );
  if (args.lock) {
    new aws.backup.VaultLockConfiguration(
      `${key}-lock`,
      {
        backupVaultName: vault.name,
        minRetentionDays: args.lock.minRetentionDays,
        maxRetentionDays: args.lock.maxRetentionDays,
        // Without changeableForDays the lock is governance mode; with it, compliance mode.
        ...(args.lock.mode === "compliance" ? { changeableForDays: args.lock.changeableForDays ?? 3 } : {}),
      },
      { parent, protect: args.protect, ...withProvider },
    );
  }
  return { vault, key: kmsKey };
}
