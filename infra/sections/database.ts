import { INSTANCE_CLASS_MEMORY_GIB } from "../../lib/rds";
import { bool, int, logRetentionDays, oneOf, REGION, requireAtLeast, section, SettingsOf, z } from "../schema";

/**
 * PostgreSQL majors in RDS standard support in November 2026, with the end of standard support from
 * the "Release calendar for Amazon RDS for PostgreSQL" (RDS PostgreSQL release notes): 14 ends
 * 2027-02-28 and is left out (no new database on a major that leaves support within months).
 */
export const SUPPORTED_MAJORS: Readonly<Record<number, string>> = {
  15: "2028-02-29",
  16: "2029-02-28",
  17: "2030-02-28",
};

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const HHMM = "([01]\\d|2[0-3]):([0-5]\\d)";
const BACKUP_WINDOW = new RegExp(`^${HHMM}-${HHMM}$`);
const MAINTENANCE_WINDOW = new RegExp(`^(${DAYS.join("|")}):${HHMM}-(${DAYS.join("|")}):${HHMM}$`, "i");

/** A window as [start, end) minutes; end may pass the end of the day or week (wrap-around). */
type Interval = [number, number];

/** `hh:mm-hh:mm` as minutes of the day; undefined unless well-formed. */
export function parseBackupWindow(text: string): Interval | undefined {
  const m = BACKUP_WINDOW.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2]);
  let end = Number(m[3]) * 60 + Number(m[4]);
  if (end <= start) end += DAY_MINUTES;
  return [start, end];
}

/** `ddd:hh:mm-ddd:hh:mm` as minutes of the week (Monday 00:00 = 0); undefined unless well-formed. */
export function parseMaintenanceWindow(text: string): Interval | undefined {
  const m = MAINTENANCE_WINDOW.exec(text);
  if (!m) return undefined;
  const day = (d: string) => DAYS.indexOf(d.toLowerCase() as (typeof DAYS)[number]);
  const start = day(m[1]) * DAY_MINUTES + Number(m[2]) * 60 + Number(m[3]);
  let end = day(m[4]) * DAY_MINUTES + Number(m[5]) * 60 + Number(m[6]);
  if (end <= start) end += WEEK_MINUTES;
  return [start, end];
}

/** Whether the daily backup window meets the weekly maintenance window on any day (wrap-around included). */
export function windowsOverlap(backup: Interval, maintenance: Interval): boolean {
  for (let day = -1; day <= 7; day++) {
    const b: Interval = [backup[0] + day * DAY_MINUTES, backup[1] + day * DAY_MINUTES];
    for (const shift of [-WEEK_MINUTES, 0, WEEK_MINUTES]) {
      const m: Interval = [maintenance[0] + shift, maintenance[1] + shift];
      if (b[0] < m[1] && m[0] < b[1]) return true;
    }
  }
  return false;
}

const VERSION_ALLOWED = `a pinned "major.minor" PostgreSQL version of a major in RDS standard support: ${Object.entries(
  SUPPORTED_MAJORS,
)
  .map(([m, end]) => `${m} (until ${end})`)
  .join(", ")}`;
const BACKUP_ALLOWED = `a daily UTC window "hh:mm-hh:mm" of at least 30 minutes, e.g. "01:00-01:30"`;
const MAINTENANCE_ALLOWED = `a weekly UTC window "ddd:hh:mm-ddd:hh:mm" of at least 30 minutes, e.g. "sun:03:00-sun:04:00"`;
const DR_REPLICA_ALLOWED = `{"vpcId": "vpc-...", "subnetIds": ["subnet-...", "subnet-..."]} (an existing VPC of the DR region, at least 2 subnets)`;
/** A cross-region read replica in an existing VPC of the DR region (there is no DR network component yet). */
const DR_REPLICA = z.strictObject({
  vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/),
  /** At least two subnets (in different AZs) of that VPC, with no route to an internet gateway. */
  subnetIds: z.array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/)).min(2),
});
const atLeast30 = (w: [number, number] | undefined) => w !== undefined && w[1] - w[0] >= 30;

/**
 * The database: a supported version, replica and retention minimums per environment, HA settings,
 * well-formed non-overlapping windows.
 */
export const database = section({
  key: "database",
  fields: {
    /** PostgreSQL `major.minor`, pinned (auto minor upgrades are off so the pin holds). */
    engineVersion: z
      .string({ error: VERSION_ALLOWED })
      .refine((t) => /^(\d+)\.(\d+)$/.test(t) && SUPPORTED_MAJORS[Number(t.split(".")[0])] !== undefined, {
        error: VERSION_ALLOWED,
      }),
    /** RDS instance class of the primary and the replicas (a class of `lib/rds.ts`). */
    instanceClass: oneOf(Object.keys(INSTANCE_CLASS_MEMORY_GIB) as [string, ...string[]]),
    /** Initial gp3 storage in GiB. */
    allocatedStorage: int(20, 65536),
    /** Storage autoscaling ceiling in GiB (greater than `allocatedStorage`). */
    maxAllocatedStorage: int(20, 65536),
    /** A synchronous standby in a second AZ (required where `highAvailability`). */
    multiAz: bool(),
    /** Same-region read replicas, each in its own AZ. */
    replicaCount: int(0, 5),
    /** Days of automated backups (point-in-time recovery window). */
    backupRetentionDays: int(0, 35),
    /** Daily backup window, UTC, `hh:mm-hh:mm`, at least 30 minutes. */
    backupWindow: z.string({ error: BACKUP_ALLOWED }).refine((t) => atLeast30(parseBackupWindow(t)), { error: BACKUP_ALLOWED }),
    /** Weekly maintenance window, UTC, `ddd:hh:mm-ddd:hh:mm`, not overlapping the backup window. */
    maintenanceWindow: z
      .string({ error: MAINTENANCE_ALLOWED })
      .refine((t) => atLeast30(parseMaintenanceWindow(t)), { error: MAINTENANCE_ALLOWED })
      .transform((t) => t.toLowerCase()),
    /** Retention of the exported `postgresql`/`upgrade` logs, in days (a CloudWatch-allowed value). */
    logRetentionDays: logRetentionDays(),
    /** Region that receives replicated automated backups (and the optional DR replica); null or unset: none. */
    drRegion: z
      .string({ error: "an AWS region name other than the stack's region, e.g. eu-west-1, or null" })
      .nullable()
      .optional(),
    /** A cross-region read replica (see `DR_REPLICA`); only together with `drRegion`. */
    drReplica: z
      .custom<{ vpcId: string; subnetIds: string[] }>((v) => DR_REPLICA.safeParse(v).success, { error: DR_REPLICA_ALLOWED })
      .nullable()
      .optional(),
    /** RDS Proxy in front of the writer (bills at least 2 vCPU-hours per hour). */
    proxy: bool(),
    /** Share of the writer's max_connections the proxy (or, without it, the services) may use. */
    proxyMaxConnectionsPercent: int(1, 100),
  },
  finish: (v, ctx, fail) => {
    const f = (name: string) => `database.${name}`;
    if (v.maxAllocatedStorage <= v.allocatedStorage) {
      fail(
        f("maxAllocatedStorage"),
        v.maxAllocatedStorage,
        `more than allocatedStorage (${v.allocatedStorage} GiB), so that storage autoscaling has room`,
      );
    }
    if (ctx.highAvailability && !v.multiAz) {
      fail(f("multiAz"), v.multiAz, "true in a high-availability environment (a single-AZ primary does not survive an AZ loss)");
    }
    const { minReplicas, minBackupRetentionDays: minRetention } = ctx.requirements.database;
    if (v.replicaCount < minReplicas || v.replicaCount > ctx.azCount) {
      fail(
        f("replicaCount"),
        v.replicaCount,
        `an integer from ${minReplicas} (the ${ctx.environment} minimum) to ${ctx.azCount} (one replica per availability zone)`,
      );
    }
    requireAtLeast(fail, f("backupRetentionDays"), v.backupRetentionDays, minRetention, ctx.environment, 35);
    const backup = parseBackupWindow(v.backupWindow);
    const maintenance = parseMaintenanceWindow(v.maintenanceWindow);
    if (backup && maintenance && windowsOverlap(backup, maintenance)) {
      fail(
        f("maintenanceWindow"),
        v.maintenanceWindow,
        `a window that does not overlap the daily backup window "${v.backupWindow}" on any day (RDS rejects overlapping windows)`,
      );
    }
    let drRegion: string | undefined;
    if (v.drRegion !== undefined && v.drRegion !== null) {
      if (!REGION.test(v.drRegion) || v.drRegion === ctx.region) {
        fail(
          f("drRegion"),
          v.drRegion,
          `an AWS region name other than the stack's region ${ctx.region}, e.g. eu-west-1, or null`,
        );
      } else drRegion = v.drRegion;
    }
    let drReplica = v.drReplica ?? undefined;
    if (drReplica && !drRegion) {
      fail(f("drReplica"), drReplica, "only together with database.drRegion (the region the replica runs in)");
      drReplica = undefined;
    }
    if (ctx.highAvailability && !v.proxy) {
      fail(f("proxy"), v.proxy, "true in a high-availability environment (the proxy pools connections and shortens failovers)");
    }
    return { ...v, drRegion, drReplica };
  },
});

export type DatabaseSettings = SettingsOf<typeof database>;
export type DrReplicaConfig = NonNullable<DatabaseSettings["drReplica"]>;
