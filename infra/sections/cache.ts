import { bool, int, logRetentionDays, oneOf, requireAtLeast, section, SettingsOf, z } from "../schema";
import { parseBackupWindow, parseMaintenanceWindow, windowsOverlap } from "./database";

/**
 * Valkey versions ElastiCache offers for new node-based caches (ElastiCache user guide, "Supported
 * engines and versions", checked 2026-11) and their parameter-group family. IAM authentication
 * needs 7.0 or later (ElastiCache user guide, "Authenticating with IAM"): every listed one has it.
 */
export const VALKEY_FAMILIES: Readonly<Record<string, string>> = {
  "7.2": "valkey7",
  "8.0": "valkey8",
  "8.1": "valkey8",
  "8.2": "valkey8",
};

/**
 * Memory of the node types a profile may choose, in GiB as the ElastiCache user guide lists them
 * ("Supported node types"); the memory alarm and docs/caching.md use it. T4g nodes are burstable:
 * fine for dev and staging, not for prod's steady load.
 */
export const NODE_MEMORY_GIB: Readonly<Record<string, number>> = {
  "cache.t4g.micro": 0.5,
  "cache.t4g.small": 1.37,
  "cache.t4g.medium": 3.09,
  "cache.m7g.large": 6.38,
  "cache.m7g.xlarge": 12.93,
  "cache.r7g.large": 13.07,
  "cache.r7g.xlarge": 26.32,
};

const VERSION_ALLOWED = `a pinned Valkey "major.minor" ElastiCache offers: ${Object.keys(VALKEY_FAMILIES).join(", ")}`;
const SNAPSHOT_ALLOWED = `a daily UTC window "hh:mm-hh:mm" of at least 60 minutes, e.g. "02:00-03:00"`;
const MAINTENANCE_ALLOWED = `a weekly UTC window "ddd:hh:mm-ddd:hh:mm" of at least 60 minutes, e.g. "sun:04:00-sun:05:00"`;
const atLeast60 = (w: [number, number] | undefined) => w !== undefined && w[1] - w[0] >= 60;

/**
 * The cache (components/cache): ElastiCache for Valkey, one shard (primary plus replicas). Who
 * connects is not configured here: the flow table's `cache` flows name the workloads.
 */
export const cache = section({
  key: "cache",
  fields: {
    /** Valkey `major.minor`, pinned; the parameter group's family follows from it. */
    engineVersion: z
      .string({ error: VERSION_ALLOWED })
      .refine((v) => VALKEY_FAMILIES[v] !== undefined, { error: VERSION_ALLOWED }),
    /** Node type of every node (a type of `NODE_MEMORY_GIB`). */
    nodeType: oneOf(Object.keys(NODE_MEMORY_GIB) as [string, ...string[]]),
    /** Nodes: one primary plus replicas, spread over the AZs (at least 2 where `multiAz`). */
    nodeCount: int(1, 6),
    /** Automatic failover to a replica in another AZ (required where `highAvailability`). */
    multiAz: bool(),
    /** Days of daily automatic snapshots kept (0 to 35). */
    snapshotRetentionDays: int(0, 35),
    /** Daily snapshot window, UTC, `hh:mm-hh:mm`, at least 60 minutes (ElastiCache's minimum). */
    snapshotWindow: z
      .string({ error: SNAPSHOT_ALLOWED })
      .refine((t) => atLeast60(parseBackupWindow(t)), { error: SNAPSHOT_ALLOWED }),
    /** Weekly maintenance window, UTC, at least 60 minutes, not overlapping the snapshot window. */
    maintenanceWindow: z
      .string({ error: MAINTENANCE_ALLOWED })
      .refine((t) => atLeast60(parseMaintenanceWindow(t)), { error: MAINTENANCE_ALLOWED })
      .transform((t) => t.toLowerCase()),
    /** Retention of the slow-log and engine-log groups, in days (a CloudWatch-allowed value). */
    logRetentionDays: logRetentionDays(),
  },
  finish: (v, ctx, fail) => {
    const f = (name: string) => `cache.${name}`;
    const { minNodes, minSnapshotRetentionDays: minSnapshots } = ctx.requirements.cache;
    requireAtLeast(fail, f("nodeCount"), v.nodeCount, minNodes, ctx.environment, 6);
    if (ctx.highAvailability && !v.multiAz) {
      fail(f("multiAz"), v.multiAz, "true in a high-availability environment (a lost primary must fail over to a replica)");
    }
    if (v.multiAz && v.nodeCount < 2) {
      fail(f("nodeCount"), v.nodeCount, "at least 2 with multiAz (automatic failover needs a replica in another AZ)");
    }
    if (ctx.highAvailability && v.nodeType.startsWith("cache.t")) {
      fail(f("nodeType"), v.nodeType, "a non-burstable type (cache.m7g.* or cache.r7g.*) in a high-availability environment");
    }
    requireAtLeast(fail, f("snapshotRetentionDays"), v.snapshotRetentionDays, minSnapshots, ctx.environment, 35);
    const snapshot = parseBackupWindow(v.snapshotWindow);
    const maintenance = parseMaintenanceWindow(v.maintenanceWindow);
    if (snapshot && maintenance && windowsOverlap(snapshot, maintenance)) {
      fail(
        f("maintenanceWindow"),
        v.maintenanceWindow,
        `a window that does not overlap the daily snapshot window "${v.snapshotWindow}" on any day (ElastiCache rejects overlapping windows)`,
      );
    }
    return { ...v, parameterFamily: VALKEY_FAMILIES[v.engineVersion] ?? "valkey8", memoryGiB: NODE_MEMORY_GIB[v.nodeType] ?? 0 };
  },
});

export type CacheSettings = SettingsOf<typeof cache>;
