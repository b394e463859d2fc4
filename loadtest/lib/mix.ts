import type { Journey } from "./slo.ts";

/**
 * One order's worth of traffic, as the capacity model counts it (stacks/capacity.ts,
 * `requestsPerOrder`): each journey's visits per order and the requests one visit makes to the
 * storefront and to the api. visits x requests equals the model's requests per order (a test holds
 * it), so a run at N orders per minute is the load `npm run capacity -- --peak-orders-per-minute N`
 * sizes for. No k6 import: the tests load this file.
 */
export const MIX: Record<Journey, { visitsPerOrder: number; requests: { storefront: number; api: number } }> = {
  browseCatalogue: { visitsPerOrder: 10, requests: { storefront: 3, api: 2 } },
  search: { visitsPerOrder: 6, requests: { storefront: 1, api: 2 } },
  quote: { visitsPerOrder: 1, requests: { storefront: 3, api: 6 } },
  bulkOrder: { visitsPerOrder: 1, requests: { storefront: 2, api: 8 } },
  checkout: { visitsPerOrder: 1, requests: { storefront: 3, api: 6 } },
};

/** Visits per minute of a journey at a load in orders per minute. */
export function visitsPerMinute(journey: Journey, ordersPerMinute: number): number {
  return MIX[journey].visitsPerOrder * ordersPerMinute;
}
