import { CAPACITY } from "./capacity";
import { COMMERCE_FLOWS } from "./flows";
import { EnvironmentProfile } from "./profile";
import { SERVICES } from "./services";

/** Staging: shaped like prod (HA networking, endpoints) so that releases are rehearsed on it. */
export const staging: EnvironmentProfile = {
  highAvailability: true,
  protectStatefulResources: false,
  network: {
    azCount: 3,
    natStrategy: "OnePerAz",
    flowLogRetentionDays: 30,
    interfaceEndpoints: true,
  },
  database: {
    engineVersion: "17.9",
    instanceClass: "db.m7g.large",
    allocatedStorage: 50,
    maxAllocatedStorage: 200,
    multiAz: true,
    replicaCount: 1,
    backupRetentionDays: 7,
    backupWindow: "01:00-01:30",
    maintenanceWindow: "sun:03:00-sun:04:00",
    logRetentionDays: 30,
    proxy: true,
    proxyMaxConnectionsPercent: 80,
  },
  cache: {
    engineVersion: "8.1",
    // Primary and one replica in another AZ, non-burstable like prod so failover drills mean the same.
    nodeType: "cache.m7g.large",
    nodeCount: 2,
    multiAz: true,
    snapshotRetentionDays: 3,
    snapshotWindow: "02:00-03:00",
    maintenanceWindow: "sun:04:00-sun:05:00",
    logRetentionDays: 30,
  },
  cluster: {
    publicAccessCidrs: [],
    controlPlaneLogRetentionDays: 90,
    // Same shapes as prod, but apps on Spot: staging rehearses releases, not capacity guarantees.
    spotAllowed: true,
    nodeGroups: {
      system: {
        capacityType: "ON_DEMAND",
        instanceTypes: ["m7g.large"],
        minSize: 3,
        desiredSize: 3,
        maxSize: 4,
        diskSizeGiB: 50,
      },
      apps: {
        capacityType: "SPOT",
        instanceTypes: ["m7g.xlarge", "m6g.xlarge", "m7gd.xlarge"],
        minSize: 3,
        desiredSize: 3,
        maxSize: 9,
        diskSizeGiB: 50,
      },
    },
    namespaceQuota: { requestsCpu: "8", requestsMemory: "16Gi", limitsCpu: "16", limitsMemory: "32Gi", pods: 100 },
  },
  observability: {
    prometheusRetentionDays: 15,
    prometheusVolumeGiB: 50,
    prometheusReplicas: 1,
    grafanaVolumeGiB: 10,
    logRetentionDays: 30,
    traceSamplingPercent: 25,
    logArchive: false,
    logArchiveGlacierDays: 30,
    logArchiveExpireDays: 365,
    canary: true,
  },
  edge: {
    wafRateLimit: 2000,
    // Bulk orders of a few thousand lines are a few hundred KB of JSON; 1 MiB leaves headroom.
    apiMaxRequestBodyKiB: 1024,
    originSecretRotationDays: 30,
    blockAnonymousIps: false,
    accessLogExpiryDays: 30,
    wafLogRetentionDays: 30,
    priceClass: "PriceClass_100",
    shieldAdvanced: false,
  },
  cost: {
    priceRegion: "us-east-1",
    // Release rehearsals and load tests: about a tenth of prod's traffic.
    usage: {
      natGbPerMonth: 200,
      cloudfrontGbPerMonth: 200,
      cloudfrontRequestsMillions: 10,
      wafRequestsMillions: 10,
      albAverageLcu: 2,
      logIngestGbPerMonth: 50,
      logStoredGb: 50,
    },
    monthlyBudgetUsd: 1600,
    actualThresholdsPercent: [80, 100],
    forecastedThresholdsPercent: [100],
    anomalyThresholdUsd: 100,
  },
  // Assumptions of the capacity model (npm run capacity, docs/capacity.md), each with its source.
  capacity: CAPACITY.staging,
  // Real user monitoring of the storefront; thresholds default to the Core Web Vitals "good" limits.
  // Sessions sampled: every session: staging carries test sessions only.
  rum: { sessionSamplePercent: 100 },
  security: {
    // PCI DSS 10.5.1 minimums; GOVERNANCE lock (a privileged user can still remove test data).
    auditLogRetentionDays: 365,
    auditLogImmediateDays: 90,
    objectLockMode: "GOVERNANCE",
  },
  // The golden path's workloads, rollout and admission settings (stacks/services.ts).
  services: SERVICES.staging,
  images: {},
  // The same workloads and paths in every environment, so what staging proves holds in prod.
  flows: { table: COMMERCE_FLOWS },
  backup: {
    databaseRetentionDays: 14,
    databaseMonthlyRetentionDays: 0,
    volumeRetentionDays: 7,
    customerDataRetentionDays: 14,
    // No lock: staging recovery points may be deleted to reset test data.
    vaultLock: "none",
    restoreTesting: true,
  },
  // Read only where database.drRegion is set (prod).
  dr: { mode: "pilot-light", vpcCidr: "10.120.0.0/16", natStrategy: "None", replica: false },
  // Off by default; Pulumi.staging.yaml turns the templates on (game days run in staging).
  faultInjection: {
    enabled: false,
    allowInProd: false,
    nodeTerminationPercent: 33,
    zoneDisruptionMinutes: 5,
    podDeletionService: "api",
    podDeletionPercent: 50,
  },
  onCall: { enabled: false, users: [], timeZone: "Europe/Berlin" },
};
