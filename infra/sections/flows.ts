import type { FlowTable } from "../../stacks/flows";
import { FlowsConfig, readFlows } from "../flows";
import { section, SettingsOf, z } from "../schema";
import { EDGE_SERVICES } from "./edge";

/**
 * The flow table (set by the environment profile only) and the named external destinations (per
 * stack, in `Pulumi.<stack>.yaml` under `flows.externalDestinations`). The rules live in
 * infra/flows.ts, whose messages name the exact entry; the schemas here only take the shapes in.
 */
export const flows = section({
  key: "flows",
  fields: {
    /** Destinations outside AWS (payment provider, ERP): `{ name: { host, cidrs, port } }`. */
    externalDestinations: z
      .record(z.string(), z.unknown(), { error: 'an object of name to {"host", "cidrs", "port"}' })
      .default({}),
  },
  fixed: {
    /** Every path each workload uses and accepts (stacks/flows.ts). */
    table: z.custom<FlowTable>((t) => typeof t === "object" && t !== null && !Array.isArray(t), {
      error: "a flow table (stacks/flows.ts)",
    }),
  },
  finish: (v, ctx, fail): FlowsConfig =>
    readFlows(
      fail,
      ctx.environment,
      // Every stack validated so far has a cache section (components/cache); without one a `cache` flow is refused.
      { servicePorts: ctx.servicePorts, cache: ctx.earlier.cache !== undefined, loadBalancerTargets: EDGE_SERVICES },
      v.table,
      v.externalDestinations,
    ),
});

export type FlowsSettings = SettingsOf<typeof flows>;
