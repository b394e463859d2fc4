/**
 * The B2B journeys as one k6 run: each journey is a scenario whose arrival rate is its visits per
 * order times the order rate, so the run is N orders per minute of the capacity model's traffic.
 * Thresholds: the platform's SLO (lib/slo.ts) over all requests and per journey.
 *
 *   k6 run loadtest/b2b-journeys.ts -e STOREFRONT_URL=https://... -e API_URL=https://... \
 *     -e LOADTEST_TOKEN=... -e ORDERS_PER_MINUTE=60 [-e MODE=ramp -e MAX_ORDERS_PER_MINUTE=170]
 *
 * MODE=steady (default): ramp to ORDERS_PER_MINUTE in 5 minutes, hold it for HOLD_MINUTES (30).
 * MODE=ramp: climb from 1 to MAX_ORDERS_PER_MINUTE over RAMP_MINUTES (30), to find where the
 * autoscaler's CPU target is reached per pod (the per-pod throughput, docs/capacity.md).
 */
import type { Options, Scenario } from "k6/options";
import { JOURNEY_FUNCTIONS } from "./journeys/index.ts";
import { visitsPerMinute } from "./lib/mix.ts";
import { JOURNEYS, sloThresholds } from "./lib/slo.ts";
import { requireTarget } from "./lib/target.ts";

const MODE = __ENV.MODE ?? "steady";
const ORDERS = Number(__ENV.ORDERS_PER_MINUTE ?? "10");
const MAX_ORDERS = Number(__ENV.MAX_ORDERS_PER_MINUTE ?? "100");
const HOLD = Number(__ENV.HOLD_MINUTES ?? "30");
const RAMP = Number(__ENV.RAMP_MINUTES ?? "30");

function scenario(journey: (typeof JOURNEYS)[number]): Scenario {
  const target = visitsPerMinute(journey, MODE === "ramp" ? MAX_ORDERS : ORDERS);
  const stages =
    MODE === "ramp"
      ? [{ target, duration: `${RAMP}m` }]
      : [
          { target, duration: "5m" },
          { target, duration: `${HOLD}m` },
        ];
  return {
    executor: "ramping-arrival-rate",
    exec: journey,
    startRate: MODE === "ramp" ? visitsPerMinute(journey, 1) : 0,
    timeUnit: "1m",
    preAllocatedVUs: Math.max(5, Math.ceil(target / 10)),
    maxVUs: Math.max(50, Math.ceil(target)),
    stages,
    tags: { journey },
  };
}

export const options: Options = {
  scenarios: Object.fromEntries(JOURNEYS.map((j) => [j, scenario(j)])),
  // The ramp stops at the first SLO breach: the load there is the stack's limit.
  thresholds: MODE === "ramp" ? abortOnBreach(sloThresholds()) : sloThresholds(),
  summaryTrendStats: ["avg", "p(50)", "p(95)", "p(99)", "max"],
};

function abortOnBreach(t: Record<string, string[]>): NonNullable<Options["thresholds"]> {
  return Object.fromEntries(
    Object.entries(t).map(([metric, exprs]) => [
      metric,
      exprs.map((threshold) => ({ threshold, abortOnFail: true, delayAbortEval: "1m" })),
    ]),
  );
}

export function setup(): void {
  requireTarget();
  if (!(ORDERS > 0 && MAX_ORDERS > 0)) throw new Error("ORDERS_PER_MINUTE and MAX_ORDERS_PER_MINUTE must be positive numbers");
}

export const { browseCatalogue, search, quote, bulkOrder, checkout } = JOURNEY_FUNCTIONS;

export default function (): void {
  // Every scenario names its exec function; the default is never scheduled.
}
