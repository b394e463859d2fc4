/** The cost estimate as text (the plan's stdout) and as a Markdown section (the plan's report). */
import type { CostEstimate } from "./estimate";

const usd = (x: number) => x.toFixed(2);
const esc = (s: string) => s.replace(/\|/g, "\\|");

function heading(e: CostEstimate): string {
  return (
    `on-demand list prices, ${e.hoursPerMonth} h a month, price table of ${e.priceTableDate}, ` +
    `${e.priceRegion === e.region ? e.region : `${e.priceRegion} prices for region ${e.region}`}`
  );
}

function sorted(m: Record<string, number>): [string, number][] {
  return Object.entries(m).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The lines the plan prints after its summary. */
export function renderCostText(e: CostEstimate): string {
  const out: string[] = [];
  out.push(`Monthly cost estimate (USD; ${heading(e)}):`);
  const w = (keys: string[]) => Math.max(8, ...keys.map((k) => k.length));
  out.push("  By component:");
  const cw = w(Object.keys(e.byComponent));
  for (const [k, v] of sorted(e.byComponent)) out.push(`    ${k.padEnd(cw)}  ${usd(v).padStart(10)}`);
  out.push("  By region (where the resources are):");
  const rw = w(Object.keys(e.byRegion));
  for (const [k, v] of sorted(e.byRegion)) out.push(`    ${k.padEnd(rw)}  ${usd(v).padStart(10)}`);
  out.push("  By resource type:");
  const tw = w(Object.keys(e.byType));
  for (const [k, v] of sorted(e.byType)) out.push(`    ${k.padEnd(tw)}  ${usd(v).padStart(10)}`);
  out.push("  Usage-driven items (assumptions from config):");
  for (const l of e.lines.filter((x) => x.assumption?.startsWith("cost.")))
    out.push(`    ${l.component}/${l.name}: ${l.item} ${usd(l.monthlyUsd)}  [${l.assumption}]`);
  if (e.scheduled.length)
    out.push(`  Out-of-hours schedule: ${e.scheduled.join(", ")} priced for ${e.scheduledHours} h of ${e.hoursPerMonth}.`);
  out.push(`  Unknown (not in the price table, not in the total): ${e.unknown.length}`);
  for (const u of e.unknown) out.push(`    ${u.component}/${u.name} (${u.type}): ${u.item}: ${u.reason}`);
  for (const n of e.notes) out.push(`  Note: ${n}`);
  out.push(`  Total: ${usd(e.totalUsd)} USD a month${e.unknown.length ? ` plus ${e.unknown.length} unknown item(s)` : ""}.`);
  return out.join("\n") + "\n";
}

/** The Markdown section of the plan report. */
export function renderCostMarkdown(e: CostEstimate): string {
  const md: string[] = [];
  md.push("## Monthly cost estimate", "");
  md.push(
    `**${usd(e.totalUsd)} USD a month** (${heading(e)})${e.unknown.length ? `, plus ${e.unknown.length} unknown item(s) listed below` : ""}.`,
    "",
  );
  md.push("### By component", "", "| Component | USD/month |", "|---|---:|");
  for (const [k, v] of sorted(e.byComponent)) md.push(`| ${k} | ${usd(v)} |`);
  md.push("", "### By region", "", "| Region | USD/month |", "|---|---:|");
  for (const [k, v] of sorted(e.byRegion)) md.push(`| ${k} | ${usd(v)} |`);
  md.push("", "### By resource type", "", "| Type | USD/month |", "|---|---:|");
  for (const [k, v] of sorted(e.byType)) md.push(`| \`${k}\` | ${usd(v)} |`);
  md.push(
    "",
    "### Lines",
    "",
    "| Component | Resource | Item | Quantity | Unit price | USD/month | Basis | Source |",
    "|---|---|---|---:|---:|---:|---|---|",
  );
  for (const l of e.lines)
    md.push(
      `| ${l.component} | ${esc(l.name)} | ${esc(l.item)} | ${l.quantity} ${l.unit} | ${l.unitUsd} (${l.priceRegion}) | ${usd(l.monthlyUsd)} | ${esc(l.assumption ?? "")} | ${l.sources.join(", ")} |`,
    );
  md.push("", "### Unknown (not counted)", "");
  if (!e.unknown.length) md.push("None.");
  else {
    md.push("| Component | Resource | Type | Item | Why |", "|---|---|---|---|---|");
    for (const u of e.unknown) md.push(`| ${u.component} | ${esc(u.name)} | \`${u.type}\` | ${esc(u.item)} | ${esc(u.reason)} |`);
  }
  md.push("", "### Usage assumptions", "", "| Config key | Value |", "|---|---:|");
  for (const [k, v] of Object.entries(e.assumptions)) md.push(`| \`${k}\` | ${v} |`);
  md.push("", "### Free of charge", "", "| Type | Count | Why |", "|---|---:|---|");
  for (const f of e.free) md.push(`| \`${f.type}\` | ${f.count} | ${esc(f.reason)} |`);
  md.push("");
  for (const n of e.notes) md.push(`> ${n}`, "");
  return md.join("\n");
}
