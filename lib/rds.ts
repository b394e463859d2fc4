/**
 * RDS for PostgreSQL facts the program computes with: instance memory and the default
 * `max_connections`. Used by the database component (alarm thresholds) and, for per-service pool
 * sizes, by whoever assigns them (`connectionBudget`: the sum of the pools must fit it).
 */

/**
 * Memory (GiB) of the instance classes we allow, from the "DB instance class" hardware
 * specifications table of the Amazon RDS User Guide (checked 2026-11). Graviton classes only: they
 * cost less than the x86 classes of the same size.
 */
export const INSTANCE_CLASS_MEMORY_GIB: Readonly<Record<string, number>> = {
  "db.t4g.micro": 1,
  "db.t4g.small": 2,
  "db.t4g.medium": 4,
  "db.t4g.large": 8,
  "db.t4g.xlarge": 16,
  "db.m7g.large": 8,
  "db.m7g.xlarge": 16,
  "db.m7g.2xlarge": 32,
  "db.m7g.4xlarge": 64,
  "db.m7g.8xlarge": 128,
  "db.r7g.large": 16,
  "db.r7g.xlarge": 32,
  "db.r7g.2xlarge": 64,
  "db.r7g.4xlarge": 128,
  "db.r7g.8xlarge": 256,
};

const GIB = 1024 ** 3;

/**
 * The RDS for PostgreSQL default `max_connections`: `LEAST({DBInstanceClassMemory/9531392}, 5000)`
 * (the formula in the default parameter group; RDS User Guide, "Maximum number of database
 * connections"). DBInstanceClassMemory is the class memory minus what the OS and RDS processes
 * reserve, so the real value is a little lower than this estimate from the nominal memory; the
 * proxy's `maxConnectionsPercent` below 100 keeps that difference as headroom.
 */
export function maxConnections(instanceClass: string): number {
  const gib = INSTANCE_CLASS_MEMORY_GIB[instanceClass];
  if (gib === undefined) throw new Error(`unknown instance class ${instanceClass}`);
  return Math.min(Math.floor((gib * GIB) / 9531392), 5000);
}

/**
 * The connections the services may hold on the writer: `floor(max_connections x
 * maxConnectionsPercent / 100)`. RDS Proxy opens at most that many connections to the primary; the
 * rest stays free for administration, migrations and the replication slots.
 */
export function connectionBudget(instanceClass: string, maxConnectionsPercent: number): number {
  return Math.floor((maxConnections(instanceClass) * maxConnectionsPercent) / 100);
}

/** Bytes of memory of an instance class (for the FreeableMemory alarm). */
export function memoryBytes(instanceClass: string): number {
  return (INSTANCE_CLASS_MEMORY_GIB[instanceClass] ?? 0) * GIB;
}

/** The DB parameter group family of an engine version: `postgres17` for `17.9`. */
export function parameterGroupFamily(engineVersion: string): string {
  return `postgres${engineVersion.split(".")[0]}`;
}
