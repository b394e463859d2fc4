/**
 * The thresholds every load test holds: the SLO of the platform's observability rules
 * (components/observability/rules.ts, DEFAULT_SLO: 99.9 % of requests without a 5xx, 99 % faster
 * than 0.5 s). k6 cannot load the program's modules, so the numbers are repeated here and
 * test/loadtest/loadtest.test.ts holds them equal to the rules'. No k6 import: the tests load this file.
 */
export const SLO = { availability: 0.999, latency: 0.99, latencyThresholdSeconds: 0.5 } as const;

/** The B2B journeys (the same names as the capacity model's `capacity.requestsPerOrder.journeys`). */
export const JOURNEYS = ["browseCatalogue", "search", "quote", "bulkOrder", "checkout"] as const;
export type Journey = (typeof JOURNEYS)[number];

/** k6 threshold expressions of the SLO, over all requests and per journey (the `journey` tag). */
export function sloThresholds(journeys: readonly string[] = JOURNEYS): Record<string, string[]> {
  const errorRate = Number((1 - SLO.availability).toPrecision(6));
  const percentile = Number((SLO.latency * 100).toPrecision(6));
  const ms = SLO.latencyThresholdSeconds * 1000;
  const failed = [`rate<${errorRate}`];
  const duration = [`p(${percentile})<${ms}`];
  const out: Record<string, string[]> = { http_req_failed: failed, http_req_duration: duration };
  for (const j of journeys) {
    out[`http_req_failed{journey:${j}}`] = failed;
    out[`http_req_duration{journey:${j}}`] = duration;
  }
  return out;
}
