import { CAPACITY } from "./capacity";
import { COMMERCE_FLOWS } from "./flows";
import { EnvironmentProfile } from "./profile";
import { SERVICES } from "./services";

/** Development: one NAT gateway and no interface endpoints to keep the monthly bill low. */
export const dev: EnvironmentProfile = {
  highAvailability: false,
  protectStatefulResources: false,
  network: {
    azCount: 2,
    natStrategy: "Single",
    flowLogRetentionDays: 14,
    interfaceEndpoints: false,
  },
  database: {
    // PostgreSQL 17.9: see docs/database.md "Version" for the source.
    engineVersion: "17.9",
    // Burstable and single-AZ without replicas or proxy: dev holds no customer data.
    instanceClass: "db.t4g.medium",
    allocatedStorage: 20,
    maxAllocatedStorage: 100,
    multiAz: false,
    replicaCount: 0,
    backupRetentionDays: 1,
    backupWindow: "01:00-01:30",
    maintenanceWindow: "sun:03:00-sun:04:00",
    logRetentionDays: 14,
    proxy: false,
    proxyMaxConnectionsPercent: 80,
  },
  cache: {
    // Valkey 8.1: see docs/caching.md "Engine and version".
    engineVersion: "8.1",
    // One burstable node without failover: dev holds no customer sessions, a restart only logs engineers out.
    nodeType: "cache.t4g.micro",
    nodeCount: 1,
    multiAz: false,
    snapshotRetentionDays: 1,
    snapshotWindow: "02:00-03:00",
    maintenanceWindow: "sun:04:00-sun:05:00",
    logRetentionDays: 14,
  },
  // Public endpoint off by default; Pulumi.dev.yaml allow-lists the office egress range.
  cluster: {
    publicAccessCidrs: [],
    controlPlaneLogRetentionDays: 30,
    // Apps on Spot: interruptions are acceptable in dev and save roughly two thirds of the node bill.
    spotAllowed: true,
    nodeGroups: {
      system: {
        capacityType: "ON_DEMAND",
        instanceTypes: ["t4g.medium"],
        minSize: 2,
        desiredSize: 2,
        maxSize: 3,
        diskSizeGiB: 30,
      },
      apps: {
        capacityType: "SPOT",
        instanceTypes: ["m7g.large", "m6g.large", "m7gd.large"],
        minSize: 1,
        desiredSize: 2,
        maxSize: 4,
        diskSizeGiB: 30,
      },
    },
    namespaceQuota: { requestsCpu: "2", requestsMemory: "4Gi", limitsCpu: "4", limitsMemory: "8Gi", pods: 50 },
  },
  observability: {
    // One replica, a week of metrics and logs: dev data is disposable.
    prometheusRetentionDays: 7,
    prometheusVolumeGiB: 20,
    prometheusReplicas: 1,
    grafanaVolumeGiB: 5,
    logRetentionDays: 7,
    traceSamplingPercent: 100,
    logArchive: false,
    logArchiveGlacierDays: 30,
    logArchiveExpireDays: 365,
    canary: false,
  },
  edge: {
    // Low limit: dev traffic is engineers and CI; a runaway script is blocked early.
    wafRateLimit: 1000,
    // Bulk orders of a few thousand lines are a few hundred KB of JSON; 1 MiB leaves headroom.
    apiMaxRequestBodyKiB: 1024,
    originSecretRotationDays: 90,
    blockAnonymousIps: false,
    accessLogExpiryDays: 14,
    wafLogRetentionDays: 14,
    // North America and Europe edges only: cheapest, enough for engineers.
    priceClass: "PriceClass_100",
    shieldAdvanced: false,
  },
  cost: {
    // The price table has no eu-central-1 rows: priced at us-east-1 rates (Frankfurt's list prices
    // are higher; see docs/cost.md).
    priceRegion: "us-east-1",
    // A few engineers and CI: image pulls dominate NAT; the storefront sees test traffic only.
    usage: {
      natGbPerMonth: 50,
      cloudfrontGbPerMonth: 20,
      cloudfrontRequestsMillions: 1,
      wafRequestsMillions: 1,
      albAverageLcu: 1,
      logIngestGbPerMonth: 10,
      logStoredGb: 5,
    },
    monthlyBudgetUsd: 350,
    actualThresholdsPercent: [80, 100],
    forecastedThresholdsPercent: [100],
    anomalyThresholdUsd: 25,
    // Developers work 07:00-20:00 on weekdays; nights and weekends the nodes and database are off.
    offHours: { timezone: "Europe/Berlin", workingDays: "MON-FRI", startHour: 7, stopHour: 20 },
  },
  // Assumptions of the capacity model (npm run capacity, docs/capacity.md), each with its source.
  capacity: CAPACITY.dev,
  // Real user monitoring of the storefront; thresholds default to the Core Web Vitals "good" limits.
  // Sessions sampled: every session: dev traffic is engineers and CI.
  rum: { sessionSamplePercent: 100 },
  security: {
    // PCI DSS 10.5.1 minimums; GOVERNANCE lock so a privileged user can clean up a test account.
    auditLogRetentionDays: 365,
    auditLogImmediateDays: 90,
    objectLockMode: "GOVERNANCE",
  },
  // The golden path's workloads, rollout and admission settings (stacks/services.ts).
  services: SERVICES.dev,
  images: {},
  // The same workloads and paths in every environment, so what staging proves holds in prod.
  flows: { table: COMMERCE_FLOWS },
  backup: {
    databaseRetentionDays: 7,
    databaseMonthlyRetentionDays: 0,
    volumeRetentionDays: 3,
    customerDataRetentionDays: 7,
    // Dev data is disposable: no lock, no weekly restore-test instances.
    vaultLock: "none",
    restoreTesting: false,
  },
  // Read only where database.drRegion is set (prod).
  dr: { mode: "pilot-light", vpcCidr: "10.110.0.0/16", natStrategy: "None", replica: false },
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
