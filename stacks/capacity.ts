import type { ProfileOf } from "../infra/schema";
import type { capacity } from "../infra/sections/capacity";

type CapacityProfile = ProfileOf<typeof capacity>;

const ESTIMATE = "estimate before launch (docs/capacity.md, 'Where the numbers come from')";
const K6 =
  "estimate: ~100 requests/s per requested vCPU at the 70 % CPU target; replace with the k6 staging run (docs/capacity.md)";

/**
 * What the application costs per order: the same in every environment (the same code), so written
 * once. Environment-specific are the pod sizes (hence the per-pod throughput), the growth and data
 * size, and the account quotas: each profile sets those below.
 */
const PER_ORDER = {
  requestsPerOrder: {
    // All the sessions that end in one order: about eight buyer sessions per order (cache.sessionsPerOrder).
    journeys: {
      browseCatalogue: { storefront: 30, api: 20 },
      search: { storefront: 6, api: 12 },
      quote: { storefront: 3, api: 6 },
      bulkOrder: { storefront: 2, api: 8 },
      checkout: { storefront: 3, api: 6 },
    },
    source: `${ESTIMATE}; replace with ALB request counts per order once the storefront is live`,
  },
  workerJobsPerOrder: { value: 3, source: "the workers' order pipeline: ERP sync, confirmation e-mail, invoice" },
  database: {
    cpuMsPerApiRequest: { value: 2, source: `${ESTIMATE}; measure with Performance Insights' db.load per call` },
    cpuMsPerWorkerJob: { value: 10, source: ESTIMATE },
    targetCpuPercent: {
      value: 60,
      source: "planning rule: the writer at peak below 60 % CPU leaves room for vacuum and failover",
    },
    connectionHoldMs: { value: 10, source: ESTIMATE },
    connectionsPerPod: { value: 10, source: "the services' client pool size (node-postgres pg.Pool max, default 10)" },
  },
  cache: {
    sessionsPerOrder: { value: 8, source: "estimate: B2B conversion of about 12 % of sessions" },
    sessionMinutes: { value: 30, source: "the session TTL after the last request (docs/caching.md)" },
    kibPerSession: { value: 16, source: ESTIMATE },
    catalogueGiB: { value: 0.5, source: "estimate: 50,000 catalogue items at about 10 KiB" },
  },
  node: {
    // EKS AMI kube-reserved (CPU 6 % of the first core ...; memory 11 MiB x max pods + 255 MiB) plus the
    // DaemonSets: VPC CNI, kube-proxy, EBS CSI node, Fluent Bit, node-exporter.
    reservedCpuMillicores: { value: 400, source: "EKS AMI kube-reserved plus the DaemonSets' CPU requests" },
    reservedMemoryMiB: { value: 1536, source: "EKS AMI kube-reserved and eviction threshold plus the DaemonSets' memory" },
    daemonSetPods: { value: 5, source: "aws-node, kube-proxy, ebs-csi-node, fluent-bit, node-exporter" },
  },
  storage: {
    kibPerOrder: { value: 64, source: "estimate: order, lines, quote and audit rows with their indexes" },
  },
} as const;

const quotas = (vcpus: number) => ({
  onDemandVcpus: { value: vcpus, source: "assumed account quota: read L-1216C47A in Service Quotas and set it here" },
  spotVcpus: { value: vcpus, source: "assumed account quota: read L-34B43A08 in Service Quotas and set it here" },
});

/** Per environment: the pod sizes of stacks/services.ts drive the per-pod throughput. */
export const CAPACITY = {
  dev: {
    ...PER_ORDER,
    podThroughput: {
      storefront: { value: 10, source: K6 },
      api: { value: 10, source: K6 },
      workers: { value: 2, source: ESTIMATE },
    },
    quotas: quotas(64),
    storage: { ...PER_ORDER.storage, currentDataGiB: { value: 2, source: "seed data" } },
    growth: {
      peakOrdersPerMinute: { value: 1, source: "developers and CI" },
      monthlyGrowthPercent: { value: 0, source: "dev load does not grow with the business" },
      averageToPeakPercent: { value: 10, source: ESTIMATE },
    },
  },
  staging: {
    ...PER_ORDER,
    podThroughput: {
      storefront: { value: 25, source: K6 },
      api: { value: 25, source: K6 },
      workers: { value: 5, source: ESTIMATE },
    },
    quotas: quotas(256),
    storage: { ...PER_ORDER.storage, currentDataGiB: { value: 10, source: "anonymised copy of a production sample" } },
    growth: {
      peakOrdersPerMinute: { value: 10, source: "the k6 runs of docs/capacity.md (staging carries test load only)" },
      monthlyGrowthPercent: { value: 0, source: "test load, not business growth" },
      averageToPeakPercent: { value: 5, source: ESTIMATE },
    },
  },
  prod: {
    ...PER_ORDER,
    podThroughput: {
      storefront: { value: 50, source: K6 },
      api: { value: 50, source: K6 },
      workers: { value: 5, source: ESTIMATE },
    },
    quotas: quotas(256),
    storage: { ...PER_ORDER.storage, currentDataGiB: { value: 40, source: "the legacy shop's order history to migrate" } },
    growth: {
      peakOrdersPerMinute: { value: 40, source: "launch plan: the legacy shop's busiest hour, 2,400 orders" },
      monthlyGrowthPercent: { value: 8, source: "business plan: the customer base doubles within the year" },
      averageToPeakPercent: {
        value: 10,
        source:
          "B2B ordering happens in office hours (about 200 of 730 h) and peaks at lunch: the month averages a tenth of the peak",
      },
    },
  },
} as const satisfies Record<"dev" | "staging" | "prod", CapacityProfile>;
