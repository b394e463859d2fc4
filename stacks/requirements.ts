/**
 * What each environment must meet: the one table of per-environment minimums. It feeds
 * - the config checks (infra/sections/*.ts, infra/schema.ts): a stack asking for less fails before
 *   anything is registered, naming the key, the value and this minimum;
 * - the pack config `stacks/<stack>.policy.json`, generated from it by `npm run docs:policies`
 *   (tools/pack-config.ts): the reusable pack asks every stack of the environment for the same;
 * - the per-environment table of docs/policies.md.
 * test/stacks/requirements.test.ts holds the three against each other at each boundary.
 *
 * The profiles (stacks/<environment>.ts) choose values at or above these; a stack file may override a
 * profile value, never go below the minimum.
 */
import type { EnvironmentName } from "../infra/schema";

export interface EnvironmentRequirements {
  /**
   * Survives the loss of one availability zone: Multi-AZ database, one NAT gateway per AZ, an RDS
   * Proxy, no out-of-hours shutdown. Where false, the pack's availability rules are advisory.
   */
  highAvailability: boolean;
  /**
   * Stateful resources carry `protect`, deletion protection and a final snapshot. Where false, the
   * pack's protection rules are advisory (the environment is torn down and rebuilt freely).
   */
  protectStatefulResources: boolean;
  /** Fewest availability zones the VPC spans (`network.azCount`). */
  minAvailabilityZones: number;
  /** Smallest `minSize` of every EKS node group. */
  minNodeGroupSize: number;
  /** Whether the EKS API may have a public endpoint (always limited to `cluster.publicAccessCidrs`). */
  clusterPublicEndpoint: boolean;
  /** Whether Kyverno's image-signature check may only report (`services.admissionMode: Audit`). */
  imageAdmissionAuditAllowed: boolean;
  /** Shortest retention of every CloudWatch log group the stack creates, in days. */
  minLogRetentionDays: number;
  /** Shortest KMS key deletion window, in days (lib/kms.ts schedules 30 everywhere). */
  minKmsDeletionWindowDays: number;
  database: {
    /** Fewest same-region read replicas of the primary (`database.replicaCount`). */
    minReplicas: number;
    /** Shortest automated-backup retention (`database.backupRetentionDays`), in days. */
    minBackupRetentionDays: number;
  };
  backup: {
    /**
     * Shortest retention of every AWS Backup rule (`backup.databaseRetentionDays`,
     * `volumeRetentionDays`, `customerDataRetentionDays`, and the monthly rule where it is on), in days.
     */
    minRetentionDays: number;
    /** A vault lock is required (`backup.vaultLock` not `none`): recovery points outlive a compromised account. */
    vaultLockRequired: boolean;
  };
  cache: {
    /** Fewest cache nodes, primary plus replicas (`cache.nodeCount`). */
    minNodes: number;
    /** Shortest retention of the cache's daily snapshots (`cache.snapshotRetentionDays`), in days. */
    minSnapshotRetentionDays: number;
  };
  observability: {
    /** Fewest Prometheus replicas (one is a single point of failure for alerting). */
    minPrometheusReplicas: number;
    /** Container logs archived to S3 beyond their CloudWatch retention (`observability.logArchive`). */
    logArchive: boolean;
  };
}

export const REQUIREMENTS: Readonly<Record<EnvironmentName, EnvironmentRequirements>> = {
  dev: {
    highAvailability: false,
    protectStatefulResources: false,
    minAvailabilityZones: 2,
    minNodeGroupSize: 1,
    clusterPublicEndpoint: true,
    imageAdmissionAuditAllowed: true,
    minLogRetentionDays: 7,
    minKmsDeletionWindowDays: 7,
    database: { minReplicas: 0, minBackupRetentionDays: 1 },
    backup: { minRetentionDays: 1, vaultLockRequired: false },
    cache: { minNodes: 1, minSnapshotRetentionDays: 1 },
    observability: { minPrometheusReplicas: 1, logArchive: false },
  },
  staging: {
    highAvailability: true,
    protectStatefulResources: false,
    minAvailabilityZones: 3,
    minNodeGroupSize: 2,
    clusterPublicEndpoint: true,
    imageAdmissionAuditAllowed: false,
    minLogRetentionDays: 30,
    minKmsDeletionWindowDays: 30,
    database: { minReplicas: 1, minBackupRetentionDays: 7 },
    backup: { minRetentionDays: 7, vaultLockRequired: false },
    cache: { minNodes: 2, minSnapshotRetentionDays: 1 },
    observability: { minPrometheusReplicas: 1, logArchive: false },
  },
  // Incident review and audit need 90 days of logs; recovery needs two weeks of backups (database
  // and AWS Backup, locked against deletion) and a replica to fail over to while a second one
  // serves reads; a week of cache snapshots.
  prod: {
    highAvailability: true,
    protectStatefulResources: true,
    minAvailabilityZones: 3,
    minNodeGroupSize: 2,
    clusterPublicEndpoint: false,
    imageAdmissionAuditAllowed: false,
    minLogRetentionDays: 90,
    minKmsDeletionWindowDays: 30,
    database: { minReplicas: 2, minBackupRetentionDays: 14 },
    backup: { minRetentionDays: 14, vaultLockRequired: true },
    cache: { minNodes: 2, minSnapshotRetentionDays: 7 },
    observability: { minPrometheusReplicas: 2, logArchive: true },
  },
};
