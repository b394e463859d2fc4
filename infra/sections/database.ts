import { connectionBudget, INSTANCE_CLASS_MEMORY_GIB, maxConnections } from "../../lib/rds";
import { DatabaseProfile, EnvironmentName } from "../../stacks";
import { Validator } from "../validation";
import { LOG_RETENTION_DAYS } from "./common";

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

/** Minimum replicas and backup retention per environment (issue 6). */
const MIN_REPLICAS: Record<EnvironmentName, number> = { dev: 0, staging: 1, prod: 2 };
const MIN_RETENTION_DAYS: Record<EnvironmentName, number> = { dev: 1, staging: 7, prod: 14 };

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const HHMM = "([01]\\d|2[0-3]):([0-5]\\d)";
const BACKUP_WINDOW = new RegExp(`^${HHMM}-${HHMM}$`);
const MAINTENANCE_WINDOW = new RegExp(`^(${DAYS.join("|")}):${HHMM}-(${DAYS.join("|")}):${HHMM}$`, "i");
const REGION = /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d$/;
const SERVICE = /^[a-z][a-z0-9-]{0,39}$/;

/** A cross-region read replica in an existing VPC of the DR region (there is no DR network component yet). */
export interface DrReplicaConfig {
  vpcId: string;
  /** At least two subnets (in different AZs) of that VPC, with no route to an internet gateway. */
  subnetIds: string[];
}

export interface DatabaseConfig extends DatabaseProfile {
  drReplica?: DrReplicaConfig;
  /** max_connections of the instance class (lib/rds.ts formula). */
  maxConnections: number;
  /** The writer's connection budget: max_connections x proxyMaxConnectionsPercent / 100. */
  connectionBudget: number;
}

const FIELDS = [
  "engineVersion",
  "instanceClass",
  "allocatedStorage",
  "maxAllocatedStorage",
  "multiAz",
  "replicaCount",
  "backupRetentionDays",
  "backupWindow",
  "maintenanceWindow",
  "logRetentionDays",
  "drRegion",
  "drReplica",
  "proxy",
  "proxyMaxConnectionsPercent",
  "connectionPools",
] as const;

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

/**
 * Reads the optional `database` object over the profile's database defaults and checks the rules of
 * issue 6: a supported version, replica and retention minimums per environment, HA settings,
 * well-formed non-overlapping windows, and the services' pools inside the connection budget.
 */
export function readDatabase(
  v: Validator,
  environment: EnvironmentName,
  profile: DatabaseProfile,
  highAvailability: boolean,
  region: string,
  azCount: number,
): DatabaseConfig {
  const key = "database";
  const o = v.object(key);
  v.knownFields(key, o, FIELDS);
  const f = (name: string) => `${key}.${name}`;

  const engineVersion = String(o.engineVersion ?? profile.engineVersion);
  const vm = /^(\d+)\.(\d+)$/.exec(engineVersion);
  if (!vm || SUPPORTED_MAJORS[Number(vm[1])] === undefined) {
    v.fail(
      f("engineVersion"),
      o.engineVersion ?? profile.engineVersion,
      `a pinned "major.minor" PostgreSQL version of a major in RDS standard support: ${Object.entries(SUPPORTED_MAJORS)
        .map(([m, end]) => `${m} (until ${end})`)
        .join(", ")}`,
    );
  }

  const instanceClass = v.oneOf(
    f("instanceClass"),
    o.instanceClass ?? profile.instanceClass,
    Object.keys(INSTANCE_CLASS_MEMORY_GIB),
  );
  const allocatedStorage = v.integer(f("allocatedStorage"), o.allocatedStorage ?? profile.allocatedStorage, 20, 65536);
  const maxAllocatedStorage = v.integer(
    f("maxAllocatedStorage"),
    o.maxAllocatedStorage ?? profile.maxAllocatedStorage,
    20,
    65536,
  );
  if (maxAllocatedStorage <= allocatedStorage) {
    v.fail(
      f("maxAllocatedStorage"),
      maxAllocatedStorage,
      `more than allocatedStorage (${allocatedStorage} GiB), so that storage autoscaling has room`,
    );
  }

  const multiAz = v.boolean(f("multiAz"), o.multiAz ?? profile.multiAz);
  if (highAvailability && !multiAz) {
    v.fail(f("multiAz"), multiAz, "true in a high-availability environment (a single-AZ primary does not survive an AZ loss)");
  }

  const minReplicas = MIN_REPLICAS[environment];
  const replicaCount = v.integer(f("replicaCount"), o.replicaCount ?? profile.replicaCount, 0, 5);
  if (replicaCount < minReplicas || replicaCount > azCount) {
    v.fail(
      f("replicaCount"),
      replicaCount,
      `an integer from ${minReplicas} (the ${environment} minimum) to ${azCount} (one replica per availability zone)`,
    );
  }

  const minRetention = MIN_RETENTION_DAYS[environment];
  const retentionRaw = o.backupRetentionDays ?? profile.backupRetentionDays;
  const backupRetentionDays = v.integer(f("backupRetentionDays"), retentionRaw, 0, 35);
  if (backupRetentionDays < minRetention) {
    v.fail(f("backupRetentionDays"), retentionRaw, `an integer from ${minRetention} (the ${environment} minimum) to 35`);
  }

  const backupWindow = String(o.backupWindow ?? profile.backupWindow);
  const backup = parseBackupWindow(backupWindow);
  if (!backup || backup[1] - backup[0] < 30) {
    v.fail(f("backupWindow"), backupWindow, `a daily UTC window "hh:mm-hh:mm" of at least 30 minutes, e.g. "01:00-01:30"`);
  }
  const maintenanceWindow = String(o.maintenanceWindow ?? profile.maintenanceWindow).toLowerCase();
  const maintenance = parseMaintenanceWindow(maintenanceWindow);
  if (!maintenance || maintenance[1] - maintenance[0] < 30) {
    v.fail(
      f("maintenanceWindow"),
      o.maintenanceWindow ?? profile.maintenanceWindow,
      `a weekly UTC window "ddd:hh:mm-ddd:hh:mm" of at least 30 minutes, e.g. "sun:03:00-sun:04:00"`,
    );
  }
  if (backup && maintenance && windowsOverlap(backup, maintenance)) {
    v.fail(
      f("maintenanceWindow"),
      maintenanceWindow,
      `a window that does not overlap the daily backup window "${backupWindow}" on any day (RDS rejects overlapping windows)`,
    );
  }

  const logRetentionDays = v.memberOf(f("logRetentionDays"), o.logRetentionDays ?? profile.logRetentionDays, LOG_RETENTION_DAYS);

  const drRegionRaw = o.drRegion === null ? undefined : (o.drRegion ?? profile.drRegion);
  let drRegion: string | undefined;
  if (drRegionRaw !== undefined) {
    if (typeof drRegionRaw !== "string" || !REGION.test(drRegionRaw) || drRegionRaw === region) {
      v.fail(f("drRegion"), drRegionRaw, `an AWS region name other than the stack's region ${region}, e.g. eu-west-1, or null`);
    } else {
      drRegion = drRegionRaw;
    }
  }
  const drReplica = readDrReplica(v, f("drReplica"), o.drReplica, drRegion);

  const proxy = v.boolean(f("proxy"), o.proxy ?? profile.proxy);
  if (highAvailability && !proxy) {
    v.fail(f("proxy"), proxy, "true in a high-availability environment (the proxy pools connections and shortens failovers)");
  }
  const proxyMaxConnectionsPercent = v.integer(
    f("proxyMaxConnectionsPercent"),
    o.proxyMaxConnectionsPercent ?? profile.proxyMaxConnectionsPercent,
    1,
    100,
  );

  const connectionPools = readPools(v, f("connectionPools"), o.connectionPools ?? profile.connectionPools);
  const known = INSTANCE_CLASS_MEMORY_GIB[instanceClass] !== undefined;
  const max = known ? maxConnections(instanceClass) : 0;
  const budget = known ? connectionBudget(instanceClass, proxyMaxConnectionsPercent) : 0;
  const total = Object.values(connectionPools).reduce((a, b) => a + b, 0);
  if (known && total > budget) {
    v.fail(
      f("connectionPools"),
      `${Object.entries(connectionPools)
        .map(([s, n]) => `${s}=${n}`)
        .join(" + ")} = ${total}`,
      `pool sizes that sum to at most ${budget}: max_connections of ${instanceClass} = LEAST(DBInstanceClassMemory/9531392, 5000) = ${max}, x proxyMaxConnectionsPercent ${proxyMaxConnectionsPercent}%`,
    );
  }

  return {
    engineVersion,
    instanceClass,
    allocatedStorage,
    maxAllocatedStorage,
    multiAz,
    replicaCount,
    backupRetentionDays,
    backupWindow,
    maintenanceWindow,
    logRetentionDays,
    drRegion,
    drReplica,
    proxy,
    proxyMaxConnectionsPercent,
    connectionPools,
    maxConnections: max,
    connectionBudget: budget,
  };
}

function readPools(v: Validator, key: string, value: unknown): Record<string, number> {
  if (!value || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length === 0) {
    v.fail(key, value, `an object of service name to pool size, e.g. {"api": 40}`);
    return {};
  }
  const pools: Record<string, number> = {};
  for (const [service, size] of Object.entries(value as Record<string, unknown>)) {
    if (!SERVICE.test(service)) {
      v.fail(`${key}.${service}`, size, "a service name of lower-case letters, digits and hyphens");
      continue;
    }
    pools[service] = v.integer(`${key}.${service}`, size, 1, 5000);
  }
  return pools;
}

function readDrReplica(v: Validator, key: string, value: unknown, drRegion: string | undefined): DrReplicaConfig | undefined {
  if (value === undefined || value === null) return undefined;
  const o = value as Record<string, unknown>;
  const ok =
    typeof value === "object" &&
    !Array.isArray(value) &&
    typeof o.vpcId === "string" &&
    /^vpc-[0-9a-f]{8,17}$/.test(o.vpcId) &&
    Array.isArray(o.subnetIds) &&
    o.subnetIds.length >= 2 &&
    o.subnetIds.every((s) => typeof s === "string" && /^subnet-[0-9a-f]{8,17}$/.test(s));
  if (!ok) {
    v.fail(
      key,
      value,
      `{"vpcId": "vpc-...", "subnetIds": ["subnet-...", "subnet-..."]} (an existing VPC of the DR region, at least 2 subnets)`,
    );
    return undefined;
  }
  if (!drRegion) {
    v.fail(key, value, "only together with database.drRegion (the region the replica runs in)");
    return undefined;
  }
  return { vpcId: o.vpcId as string, subnetIds: o.subnetIds as string[] };
}
