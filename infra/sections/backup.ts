import { bool, int, oneOf, requireAtLeast, section, SettingsOf } from "../schema";

/** The vault lock's minimum retention: no rule may keep recovery points for less. */
export const VAULT_LOCK_MIN_DAYS = 7;

/** AWS Backup: retention per data tier, the vault lock, restore tests (docs/dr.md). */
export const backup = section({
  key: "backup",
  fields: {
    /** Retention of the daily database snapshots (days). */
    databaseRetentionDays: int(1, 36500),
    /** Retention of the monthly database snapshots (days); 0: no monthly rule. */
    databaseMonthlyRetentionDays: int(0, 36500),
    /** Retention of the daily Prometheus/Alertmanager/Grafana volume snapshots (days). */
    volumeRetentionDays: int(1, 36500),
    /** Retention of the daily backups of buckets tagged `BackupTier=customer-data` (days). */
    customerDataRetentionDays: int(1, 36500),
    /**
     * Vault lock: `none`, `governance` (an IAM principal with the permission can remove it) or
     * `compliance` (immutable after a 3-day grace time: nobody can shorten retention or delete).
     */
    vaultLock: oneOf(["none", "governance", "compliance"]),
    /** Weekly restore tests of the database and volume recovery points. */
    restoreTesting: bool(),
  },
  finish: (v, ctx, fail) => {
    const { minRetentionDays, vaultLockRequired } = ctx.requirements.backup;
    if (vaultLockRequired && v.vaultLock === "none") {
      fail(
        "backup.vaultLock",
        v.vaultLock,
        `"governance" or "compliance" in ${ctx.environment} (recovery points must survive a compromised account)`,
      );
    }
    const rules = ["databaseRetentionDays", "volumeRetentionDays", "customerDataRetentionDays"] as const;
    for (const f of [...rules, "databaseMonthlyRetentionDays"] as const) {
      // The monthly rule is optional (0: none); where it is on, it keeps at least as long as the rest.
      if (f === "databaseMonthlyRetentionDays" && v[f] === 0) continue;
      requireAtLeast(fail, `backup.${f}`, v[f], minRetentionDays, ctx.environment, 36500);
    }
    if (v.vaultLock !== "none") {
      for (const f of rules) {
        if (v[f] < VAULT_LOCK_MIN_DAYS) {
          fail(
            `backup.${f}`,
            v[f],
            `at least ${VAULT_LOCK_MIN_DAYS} days while backup.vaultLock is on (the lock's minimum retention)`,
          );
        }
      }
    }
    return v;
  },
});

export type BackupSettings = SettingsOf<typeof backup>;
