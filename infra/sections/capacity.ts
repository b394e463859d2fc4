import { section, SettingsOf, z } from "../schema";

/**
 * One capacity assumption: a number and where it comes from (a load test run, a production
 * measurement, a vendor figure, or "estimate" with the reasoning). `npm run capacity` prints the
 * source beside every figure the number drives, so a stale guess is visible as one.
 */
const assumption = (min: number, max: number, what: string) => {
  const allowed = `{"value": <${what}, ${min} to ${max}>, "source": "<where the number comes from, 3 to 300 characters>"}`;
  return z.strictObject(
    {
      value: z.number({ error: allowed }).min(min, { error: allowed }).max(max, { error: allowed }),
      source: z.string({ error: allowed }).min(3, { error: allowed }).max(300, { error: allowed }),
    },
    { error: allowed },
  );
};
export type Assumption = { value: number; source: string };

/** The B2B journeys a buyer goes through per order (the k6 scripts of loadtest/ replay the same ones). */
export const JOURNEYS = ["browseCatalogue", "search", "quote", "bulkOrder", "checkout"] as const;
export type Journey = (typeof JOURNEYS)[number];

const REQUESTS_ALLOWED = "a number of requests from 0 to 10000";
const requests = () =>
  z.number({ error: REQUESTS_ALLOWED }).min(0, { error: REQUESTS_ALLOWED }).max(10000, { error: REQUESTS_ALLOWED });
const journey = z.strictObject({ storefront: requests(), api: requests() });

/**
 * The capacity model's assumptions (`npm run capacity`, docs/capacity.md): what one order costs in
 * requests, pod and database time, cache memory and storage, and how load grows. The program does
 * not read them: the capacity tool combines them with the stack's real sizes (services' replicas and
 * requests, node groups, namespace quota, database class and proxy) to say what breaks first.
 */
export const capacity = section({
  key: "capacity",
  fields: {
    /** Requests per order, per journey and per service (all sessions that lead to one order, browsing included). */
    requestsPerOrder: z.strictObject({
      journeys: z.strictObject(Object.fromEntries(JOURNEYS.map((j) => [j, journey])) as Record<Journey, typeof journey>),
      source: z.string().min(3).max(300),
    }),
    /** Requests per second one pod serves at the autoscaler's CPU target (workers: order jobs per second). */
    podThroughput: z.strictObject({
      storefront: assumption(0.01, 100000, "requests per second per pod"),
      api: assumption(0.01, 100000, "requests per second per pod"),
      workers: assumption(0.01, 100000, "jobs per second per pod"),
    }),
    /** Background jobs (ERP sync, confirmation, invoice) the workers run per order. */
    workerJobsPerOrder: assumption(0, 1000, "jobs per order"),
    database: z.strictObject({
      /** Database CPU milliseconds one API request costs on the writer (all its queries). */
      cpuMsPerApiRequest: assumption(0, 10000, "milliseconds"),
      /** Database CPU milliseconds one worker job costs on the writer. */
      cpuMsPerWorkerJob: assumption(0, 100000, "milliseconds"),
      /** Writer CPU utilisation planned for at peak (headroom for vacuum, failover catch-up, bursts). */
      targetCpuPercent: assumption(10, 100, "percent"),
      /** Milliseconds a request or job holds a database connection (its transactions), for Little's law. */
      connectionHoldMs: assumption(0, 60000, "milliseconds"),
      /** Connections each database-using pod keeps in its client pool. */
      connectionsPerPod: assumption(1, 1000, "connections"),
    }),
    cache: z.strictObject({
      /** Buyer sessions per order (conversion: 1 / sessions that order). */
      sessionsPerOrder: assumption(0, 10000, "sessions"),
      /** Minutes a session stays in the cache (its TTL after the last request). */
      sessionMinutes: assumption(1, 1440, "minutes"),
      /** KiB of cache memory per session (session, cart). */
      kibPerSession: assumption(0, 100000, "KiB"),
      /** GiB of catalogue reads cached, independent of load. */
      catalogueGiB: assumption(0, 10000, "GiB"),
    }),
    /** What a node keeps for itself and the DaemonSets (kubelet reserve, VPC CNI, log and metrics agents). */
    node: z.strictObject({
      reservedCpuMillicores: assumption(0, 64000, "millicores"),
      reservedMemoryMiB: assumption(0, 262144, "MiB"),
      daemonSetPods: assumption(0, 100, "pods"),
    }),
    /** Account quotas (Service Quotas) that cap the node groups, in vCPUs of running instances. */
    quotas: z.strictObject({
      /** Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances, L-1216C47A. */
      onDemandVcpus: assumption(1, 1000000, "vCPUs"),
      /** All Standard Spot Instance Requests, L-34B43A08. */
      spotVcpus: assumption(1, 1000000, "vCPUs"),
    }),
    /** Database storage: data per order (rows, indexes, WAL kept) and today's size. */
    storage: z.strictObject({
      kibPerOrder: assumption(0, 100000, "KiB"),
      currentDataGiB: assumption(0, 65536, "GiB"),
    }),
    /** The 12-month growth projection's starting point and rate. */
    growth: z.strictObject({
      peakOrdersPerMinute: assumption(0.01, 1000000, "orders per minute at peak"),
      monthlyGrowthPercent: assumption(0, 100, "percent a month"),
      /** Average load over the month as a share of the peak (orders per month from the peak). */
      averageToPeakPercent: assumption(1, 100, "percent"),
    }),
  },
});

export type CapacitySettings = SettingsOf<typeof capacity>;
