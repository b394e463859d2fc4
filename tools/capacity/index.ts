/**
 * `npm run capacity -- --stack <s> --peak-orders-per-minute N` (or `--load <file.json>` holding
 * `{"peakOrdersPerMinute": N}`): what the stack needs at that peak, the headroom against every limit
 * its config sets, what breaks first as load grows, and the load-driven cost (docs/capacity.md).
 * `--json` prints the figures as JSON. Exit codes: 0 every limit holds at the load, 1 a limit is
 * exceeded, 2 bad usage or config.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../../infra/config";
import { readStackConfig } from "../harness";
import { breakpoints, CapacityConfig, capacityAt, exceeded } from "./model";
import { renderCapacityText } from "./render";

const PROJECT = "b2b-commerce";
const USAGE =
  "usage: npm run capacity -- --stack <dev|staging|prod> (--peak-orders-per-minute <N> | --load <file.json>) [--json]";

/** The validated config of a stack as the capacity model reads it. */
export function capacityConfig(stack: string, stackFile?: string): CapacityConfig {
  return loadConfig(PROJECT, stack, readStackConfig(stack, stackFile));
}

/** The peak load from the options: a positive number, from the flag or the file. */
export function peakLoad(values: { "peak-orders-per-minute"?: string; load?: string }): number {
  let raw: unknown = values["peak-orders-per-minute"];
  if (values.load !== undefined) {
    if (raw !== undefined) throw new Error("give --peak-orders-per-minute or --load, not both");
    if (!fs.existsSync(values.load)) throw new Error(`no load file ${values.load}`);
    raw = (JSON.parse(fs.readFileSync(values.load, "utf8")) as { peakOrdersPerMinute?: unknown }).peakOrdersPerMinute;
  }
  const load = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  if (!Number.isFinite(load) || load < 0 || load > 1e7) {
    throw new Error(`peak orders per minute is ${JSON.stringify(raw)}; allowed: a number from 0 to 10,000,000`);
  }
  return load;
}

export function main(argv: string[]): number {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        "peak-orders-per-minute": { type: "string" },
        load: { type: "string" },
        json: { type: "boolean" },
      },
    }).values;
    if (!values.stack) throw new Error("--stack is required");
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let config: CapacityConfig;
  let load: number;
  try {
    load = peakLoad(values);
    config = capacityConfig(values.stack!);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const at = capacityAt(config, load);
  const breaks = breakpoints(config);
  const first = breaks[0]?.ordersPerMinute;
  const costAtFirst = first === undefined ? undefined : capacityAt(config, first).cost;
  if (values.json) console.log(JSON.stringify({ stack: config.stack, at, breakpoints: breaks, costAtFirst }, null, 2));
  else console.log(renderCapacityText(config, at, breaks, costAtFirst));
  return exceeded(at).length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
