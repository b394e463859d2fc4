import { CAPACITY } from "./capacity";
import { COMMERCE_FLOWS } from "./flows";
import { EnvironmentProfile } from "./profile";
import { SERVICES } from "./services";

/** Production: every HA and protection switch on; retention long enough for incident review. */
export const prod: EnvironmentProfile = {
  highAvailability: true,
  protectStatefulResources: true,
  network: {
    azCount: 3,
    natStrategy: "OnePerAz",
    flowLogRetentionDays: 365,
    interfaceEndpoints: true,
  },
  database: {
    engineVersion: "17.9",
    instanceClass: "db.r7g.xlarge",
    allocatedStorage: 200,
    maxAllocatedStorage: 1000,
    multiAz: true,
    replicaCount: 2,
    backupRetentionDays: 14,
    backupWindow: "01:00-01:30",
    maintenanceWindow: "sun:03:00-sun:04:00",
    logRetentionDays: 365,
    // Automated backups replicated here; a DR replica is added with `database.drReplica`.
    drRegion: "eu-west-1",
    proxy: true,
    proxyMaxConnectionsPercent: 80,
  },
  cache: {
    engineVersion: "8.1",
    // Memory-optimised; primary plus a replica in each other AZ: an AZ loss keeps a replica to promote.
    nodeType: "cache.r7g.large",
    nodeCount: 3,
    multiAz: true,
    snapshotRetentionDays: 7,
    snapshotWindow: "02:00-03:00",
    maintenanceWindow: "sun:04:00-sun:05:00",
    logRetentionDays: 90,
  },
  // Private API endpoint only (deploy from a runner inside the VPC, see docs/cluster.md).
  cluster: {
    publicAccessCidrs: [],
    controlPlaneLogRetentionDays: 365,
    spotAllowed: false,
    nodeGroups: {
      system: {
        capacityType: "ON_DEMAND",
        instanceTypes: ["m7g.large"],
        minSize: 3,
        desiredSize: 3,
        maxSize: 6,
        diskSizeGiB: 50,
      },
      apps: {
        capacityType: "ON_DEMAND",
        instanceTypes: ["m7g.xlarge", "m6g.xlarge"],
        minSize: 3,
        desiredSize: 3,
        maxSize: 12,
        diskSizeGiB: 50,
      },
    },
    namespaceQuota: { requestsCpu: "16", requestsMemory: "32Gi", limitsCpu: "32", limitsMemory: "64Gi", pods: 200 },
  },
  observability: {
    // Two Prometheus replicas; 30 days of metrics; logs 90 days hot, archived 7 years (Glacier after 30 days).
    prometheusRetentionDays: 30,
    prometheusVolumeGiB: 200,
    prometheusReplicas: 2,
    grafanaVolumeGiB: 10,
    logRetentionDays: 90,
    traceSamplingPercent: 10,
    logArchive: true,
    logArchiveGlacierDays: 30,
    logArchiveExpireDays: 2557,
    canary: true,
  },
  edge: {
    // Per client IP per 5 minutes; B2B buyers behind one corporate NAT share an IP, so not lower.
    wafRateLimit: 2000,
    // Bulk orders of a few thousand lines are a few hundred KB of JSON; 1 MiB leaves headroom.
    apiMaxRequestBodyKiB: 1024,
    originSecretRotationDays: 30,
    blockAnonymousIps: true,
    // A year of access logs for incident review and audits.
    accessLogExpiryDays: 365,
    wafLogRetentionDays: 365,
    // Every edge location: customers order from all regions.
    priceClass: "PriceClass_All",
    // Off by default: 3,000 USD/month plus a 1-year commitment; see docs/edge.md.
    shieldAdvanced: false,
  },
  cost: {
    priceRegion: "us-east-1",
    // Launch assumptions (docs/capacity.md): 2 TB and 100M requests a month at the edge.
    usage: {
      natGbPerMonth: 1000,
      cloudfrontGbPerMonth: 2000,
      cloudfrontRequestsMillions: 100,
      wafRequestsMillions: 100,
      albAverageLcu: 10,
      logIngestGbPerMonth: 300,
      logStoredGb: 900,
    },
    monthlyBudgetUsd: 4500,
    actualThresholdsPercent: [80, 100],
    forecastedThresholdsPercent: [90, 100],
    anomalyThresholdUsd: 250,
  },
  // Assumptions of the capacity model (npm run capacity, docs/capacity.md), each with its source.
  capacity: CAPACITY.prod,
  // Real user monitoring of the storefront; thresholds default to the Core Web Vitals "good" limits.
  // Sessions sampled: a fifth of the sessions: enough for stable p75s per page at launch traffic, a fifth of the events bill.
  rum: { sessionSamplePercent: 20 },
  security: {
    // Thirteen months kept, COMPLIANCE lock: nobody, root included, can shorten it (docs/security.md).
    auditLogRetentionDays: 400,
    auditLogImmediateDays: 90,
    objectLockMode: "COMPLIANCE",
  },
  // The golden path's workloads, rollout and admission settings (stacks/services.ts).
  services: SERVICES.prod,
  images: {},
  // The same workloads and paths in every environment, so what staging proves holds in prod.
  flows: { table: COMMERCE_FLOWS },
  backup: {
    databaseRetentionDays: 35,
    databaseMonthlyRetentionDays: 365,
    volumeRetentionDays: 14,
    customerDataRetentionDays: 35,
    // Compliance: after the 3-day grace time nobody can delete recovery points early (policy pack rule).
    vaultLock: "compliance",
    restoreTesting: true,
  },
  // Pilot light in database.drRegion: network, keys, replica and vault exist; `mode: active` fails over.
  dr: { mode: "pilot-light", vpcCidr: "10.130.0.0/16", natStrategy: "None", replica: true },
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
