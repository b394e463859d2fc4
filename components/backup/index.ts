import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BACKUP_TIER_TAG } from "../../lib/backup-tier";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { createBackupAlerts } from "./alerts";
import { createBackupRole } from "./iam";
import { createRestoreTesting } from "./restore-testing";
import { createVault, VaultLock } from "./vault";

export type { VaultLock } from "./vault";

export { BACKUP_TIER_TAG } from "../../lib/backup-tier";

/** One schedule of a data tier. */
export interface BackupRuleSpec {
  /** Backup frequency as an EventBridge cron expression in UTC, e.g. `cron(0 3 * * ? *)`. */
  schedule: string;
  /** Days a recovery point is kept (in this vault and in the DR copy). */
  retentionDays: number;
  /** Days after which EBS/S3 recovery points move to cold storage (at least 90 days before deletion). */
  coldStorageAfterDays?: number;
}

/** A data tier: what is backed up and on which schedules. */
export interface DataTier {
  /** Resource type for restore testing: `RDS`, `EBS` or `S3`. */
  resourceType: "RDS" | "EBS" | "S3";
  /** Explicit resource ARNs (e.g. the database primary). */
  resourceArns?: pulumi.Input<string>[];
  /** Select by the tag `BackupTier=<tier name>` instead (volumes created by Kubernetes, tagged buckets). */
  selectByTag?: boolean;
  /** Schedules by key (`daily`, `monthly`, ...). */
  rules: Record<string, BackupRuleSpec>;
  /** Restore-test this tier's latest recovery point on the restore-testing schedule. */
  restoreTest?: {
    /** Restore metadata overrides (e.g. the DB subnet group and security groups to restore into). */
    metadataOverrides?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  };
}

export interface BackupArgs {
  naming: Naming;
  /** The data tiers by name (`database`, `monitoring-volumes`, `customer-data`). */
  tiers: Record<string, DataTier>;
  /** Vault lock (WORM) on the vaults; undefined: no lock. */
  vaultLock?: VaultLock;
  /** Provider of the DR region: a vault there receives a copy of every recovery point. */
  drProvider?: aws.Provider;
  /** Weekly restore tests (EventBridge cron, UTC), or undefined for none. */
  restoreTestSchedule?: string;
  /** The stack's alert topic: failed backup, copy and restore jobs notify it. */
  alertTopicArn: pulumi.Input<string>;
  runbooks: Runbooks;
  /** Protect the vaults and their keys (prod). Default true. */
  protect?: boolean;
}

/**
 * AWS Backup for the platform's data: a vault per stack encrypted with its own key (locked in prod),
 * one backup plan per data tier with a copy of every recovery point to a vault in the DR region, a
 * restore-testing plan that restores the latest recovery points on a schedule, and alerts on failed
 * backup, copy and restore jobs. See docs/dr.md.
 */
export class Backup extends pulumi.ComponentResource {
  readonly vaultName: pulumi.Output<string>;
  readonly vaultArn: pulumi.Output<string>;
  readonly drVaultArn?: pulumi.Output<string>;
  /** Backup plan ids by tier. */
  readonly planIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:backup:Backup", name, {}, opts);
    const { naming } = args;
    const protect = args.protect ?? true;
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const minRetention = Math.min(
      ...Object.values(args.tiers).flatMap((t) => Object.values(t.rules).map((r) => r.retentionDays)),
    );
    if (args.vaultLock && args.vaultLock.minRetentionDays > minRetention) {
      throw new Error(
        `Backup ${name}: vault lock minRetentionDays ${args.vaultLock.minRetentionDays} exceeds the shortest rule retention ${minRetention} (jobs would fail)`,
      );
    }

    const vault = createVault(this, { naming, key: "vault", identity, lock: args.vaultLock, protect });
    const dr = args.drProvider
      ? createVault(this, { naming, key: "dr-vault", identity, lock: args.vaultLock, protect, provider: args.drProvider })
      : undefined;
    const role = createBackupRole(this, naming, identity);

    this.planIds = {};
    for (const [tier, spec] of Object.entries(args.tiers)) {
      const plan = new aws.backup.Plan(
        `plan-${tier}`,
        {
          name: naming.physical(`backup-${tier}`),
          rules: Object.entries(spec.rules).map(([ruleName, rule]) => {
            const lifecycle = {
              deleteAfter: rule.retentionDays,
              ...(rule.coldStorageAfterDays ? { coldStorageAfter: rule.coldStorageAfterDays } : {}),
            };
            return {
              ruleName: `${tier}-${ruleName}`,
              targetVaultName: vault.vault.name,
              schedule: rule.schedule,
              scheduleExpressionTimezone: "Etc/UTC",
              // Start within an hour, finish within a day; a missed window is a failed job (alerted).
              startWindow: 60,
              completionWindow: 1440,
              lifecycle,
              recoveryPointTags: { BackupTier: tier },
              copyActions: dr ? [{ destinationVaultArn: dr.vault.arn, lifecycle }] : [],
            };
          }),
          tags: { Name: naming.physical(`backup-${tier}`), BackupTier: tier },
        },
        { parent: this },
      );
      this.planIds[tier] = plan.id;
      new aws.backup.Selection(
        `selection-${tier}`,
        {
          name: naming.physical(`backup-${tier}`).slice(0, 50),
          planId: plan.id,
          iamRoleArn: role.arn,
          resources: spec.selectByTag ? ["*"] : (spec.resourceArns ?? []),
          selectionTags: spec.selectByTag ? [{ type: "STRINGEQUALS", key: BACKUP_TIER_TAG, value: tier }] : [],
        },
        { parent: this },
      );
    }

    if (args.restoreTestSchedule) {
      createRestoreTesting(this, {
        naming,
        schedule: args.restoreTestSchedule,
        vaultArn: vault.vault.arn,
        roleArn: role.arn,
        tiers: args.tiers,
      });
    }
    createBackupAlerts(this, { naming, topicArn: args.alertTopicArn, runbooks: args.runbooks, identity, protect });

    this.vaultName = vault.vault.name;
    this.vaultArn = vault.vault.arn;
    this.drVaultArn = dr?.vault.arn;
    this.registerOutputs({
      vaultName: this.vaultName,
      vaultArn: this.vaultArn,
      drVaultArn: this.drVaultArn,
      planIds: this.planIds,
    });
  }
}
