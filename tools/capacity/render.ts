import { CapacityConfig, CapacityAt, Breakpoint, GrowthRow } from "./model";

const n = (x: number, digits = 0) => x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const usd = (x: number) => `${n(x, 2)} USD`;
const pct = (used: number, max: number) => (max > 0 ? `${n((100 * used) / max)} %` : "-");

/** The text report of `npm run capacity`: needs and headroom at the load, then what breaks first. */
export function renderCapacityText(
  config: CapacityConfig,
  at: CapacityAt,
  breaks: Breakpoint[],
  costAtFirst?: CapacityAt["cost"],
): string {
  const a = config.capacity;
  const out: string[] = [];
  out.push(`Capacity of stack ${config.stack} at ${n(at.ordersPerMinute, 2)} orders per minute (peak)`);
  out.push("");
  out.push("Services (pods at the autoscaler's target; rollout: extra pods while a release rolls out)");
  for (const s of at.services) {
    const unit = s.service === "workers" ? "jobs/s" : "req/s";
    out.push(
      `  ${s.service.padEnd(11)} ${n(s.rate, 1).padStart(9)} ${unit}  ${String(s.pods).padStart(4)} pods (max ${s.maxReplicas}, +${s.rolloutExtraPods} in a rollout)` +
        `  at ${a.podThroughput[s.service].value} ${unit} per pod [${a.podThroughput[s.service].source}]`,
    );
  }
  out.push(`Nodes: apps ${at.nodes.apps} x ${at.nodes.instanceType} (max ${at.nodes.appsMax}), system ${at.nodes.system}`);
  const db = at.database;
  out.push(
    `Database: ${n(db.vcpusNeeded, 2)} writer vCPUs at ${a.database.targetCpuPercent.value} % CPU, ${db.connections} connections on the writer` +
      ` (${db.clientConnections} client connections${config.database.proxy ? " to the proxy" : ""});` +
      ` class ${db.configuredClass} configured, ${db.neededClass ?? "none of its family"} needed`,
  );
  out.push(
    `Cache: ${n(at.cacheGiB, 2)} GiB (sessions ${a.cache.sessionsPerOrder.value}/order x ${a.cache.sessionMinutes.value} min x ${a.cache.kibPerSession.value} KiB + catalogue ${a.cache.catalogueGiB.value} GiB)`,
  );
  out.push("");
  out.push("Headroom (used / limit)");
  for (const l of [...at.limits].sort((x, y) => y.used / y.max - x.used / x.max)) {
    const flag = l.used > l.max ? "  EXCEEDED" : "";
    out.push(`  ${pct(l.used, l.max).padStart(6)}  ${n(l.used, 2)} / ${n(l.max, 2)} ${l.unit}  ${l.description}${flag}`);
  }
  out.push("");
  out.push(
    `Load-driven monthly cost at this load: ${usd(at.cost.monthlyUsd)}${at.cost.unknown.length ? " plus the unpriced items" : ""}` +
      ` (price region ${config.cost.priceRegion ?? config.region}; the rest of the stack: npm run plan -- --cost)`,
  );
  for (const i of at.cost.items)
    out.push(`  ${i.monthlyUsd === undefined ? "unknown".padStart(14) : usd(i.monthlyUsd).padStart(14)}  ${i.item}`);
  out.push("");
  out.push("What breaks first as load grows (lowest load that exceeds each limit)");
  for (const b of breaks) {
    out.push(`  ${b.ordersPerMinute === undefined ? "never".padStart(10) : n(b.ordersPerMinute).padStart(10)}  ${b.description}`);
  }
  const first = breaks[0];
  if (first?.ordersPerMinute !== undefined) {
    out.push("", `First limit hit: ${first.description} at ${n(first.ordersPerMinute)} orders per minute.`);
    if (costAtFirst) {
      out.push(
        `Load-driven monthly cost at that load: ${usd(costAtFirst.monthlyUsd)}${costAtFirst.unknown.length ? " plus the unpriced items" : ""}.`,
      );
    }
  }
  return out.join("\n");
}

/** The growth projection as a Markdown table (docs/capacity.md embeds it; a test keeps it current). */
export function renderGrowthMarkdown(config: CapacityConfig, rows: GrowthRow[]): string {
  const g = config.capacity.growth;
  const lines = [
    `Stack \`${config.stack}\`: peak ${g.peakOrdersPerMinute.value} orders/min today, +${g.monthlyGrowthPercent.value} % a month, month average ${g.averageToPeakPercent.value} % of the peak; storage from ${config.capacity.storage.currentDataGiB.value} GiB at ${config.capacity.storage.kibPerOrder.value} KiB per order (allocated ${config.database.allocatedStorage} GiB, autoscaling limit ${config.database.maxAllocatedStorage} GiB).`,
    "",
    "| Month | Peak orders/min | Orders/month | storefront / api / workers pods | Apps nodes | Writer vCPUs | Connections | Class needed | Cache GiB | DB storage GiB | Load-driven USD/month | Limits exceeded |",
    "|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---|",
  ];
  for (const r of rows) {
    const pods = r.at.services.map((s) => s.pods).join(" / ");
    const over = r.at.limits.filter((l) => l.used > l.max).map((l) => l.id);
    if (r.storageGiB > config.database.maxAllocatedStorage) over.push("storage.maxAllocated");
    lines.push(
      `| ${r.month} | ${n(r.peakOrdersPerMinute, 1)} | ${n(r.ordersPerMonth)} | ${pods} | ${r.at.nodes.apps} | ${n(r.at.database.vcpusNeeded, 2)} | ${r.at.database.connections} | ${r.at.database.neededClass ?? "beyond the family"} | ${n(r.at.cacheGiB, 2)} | ${n(r.storageGiB, 1)} | ${n(r.at.cost.monthlyUsd, 2)}${r.at.cost.unknown.length ? " + unpriced" : ""} | ${over.length ? over.join(", ") : "none"} |`,
    );
  }
  return lines.join("\n");
}

/** Per stack: the first three limits load hits, at what load, and the load-driven cost there. */
export function renderBreaksMarkdown(
  stacks: { config: CapacityConfig; breaks: Breakpoint[]; capacityAt: (c: CapacityConfig, load: number) => CapacityAt }[],
): string {
  const lines = [
    "| Stack | First limit hit (orders/min) | Second | Third | Load-driven USD/month at the first |",
    "|---|---|---|---|---:|",
  ];
  for (const { config, breaks, capacityAt } of stacks) {
    const cell = (b?: Breakpoint) => (b?.ordersPerMinute === undefined ? "-" : `${b.id} (${n(b.ordersPerMinute)})`);
    const first = breaks[0]?.ordersPerMinute;
    const cost = first === undefined ? undefined : capacityAt(config, first).cost;
    const costCell = cost ? `${n(cost.monthlyUsd, 2)}${cost.unknown.length ? " + unpriced" : ""}` : "-";
    lines.push(`| ${config.stack} | ${cell(breaks[0])} | ${cell(breaks[1])} | ${cell(breaks[2])} | ${costCell} |`);
  }
  return lines.join("\n");
}
