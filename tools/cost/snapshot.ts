/**
 * The cost guard: test/snapshots/<stack>.cost.json holds each stack's committed monthly total and
 * its split by component. A change that moves a stack's total by more than the tolerance fails
 * test/tools/cost.test.ts until the snapshot is rewritten on purpose with `npm run snapshot:cost`,
 * so a cost change is reviewed like a URN change.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { CostEstimate } from "./estimate";

export const SNAPSHOT_DIR = path.resolve(__dirname, "..", "..", "test", "snapshots");

/** A stack total may drift this much (percent) before the snapshot must be updated. */
export const COST_TOLERANCE_PERCENT = 2;

export interface CostSnapshot {
  stack: string;
  priceTableDate: string;
  priceRegion: string;
  totalUsd: number;
  byComponent: Record<string, number>;
  unknown: number;
}

export function makeCostSnapshot(stack: string, e: CostEstimate): CostSnapshot {
  const byComponent = Object.fromEntries(Object.entries(e.byComponent).sort((a, b) => a[0].localeCompare(b[0])));
  return {
    stack,
    priceTableDate: e.priceTableDate,
    priceRegion: e.priceRegion,
    totalUsd: e.totalUsd,
    byComponent,
    unknown: e.unknown.length,
  };
}

export function costSnapshotFile(stack: string, dir = SNAPSHOT_DIR): string {
  return path.join(dir, `${stack}.cost.json`);
}

export function readCostSnapshot(stack: string, dir = SNAPSHOT_DIR): CostSnapshot | undefined {
  const file = costSnapshotFile(stack, dir);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as CostSnapshot) : undefined;
}

export function writeCostSnapshot(snapshot: CostSnapshot, dir = SNAPSHOT_DIR): string {
  const file = costSnapshotFile(snapshot.stack, dir);
  fs.writeFileSync(file, JSON.stringify(snapshot, null, 2) + "\n");
  return file;
}

/** What moved beyond the tolerance, in words (empty: within it). */
export function costDrift(before: CostSnapshot, now: CostEstimate, tolerancePercent = COST_TOLERANCE_PERCENT): string[] {
  const change =
    before.totalUsd === 0 ? (now.totalUsd === 0 ? 0 : Infinity) : ((now.totalUsd - before.totalUsd) / before.totalUsd) * 100;
  if (Math.abs(change) <= tolerancePercent) return [];
  const moved = Object.keys({ ...before.byComponent, ...now.byComponent })
    .map((c) => ({ c, d: (now.byComponent[c] ?? 0) - (before.byComponent[c] ?? 0) }))
    .filter((x) => Math.abs(x.d) >= 0.01)
    .sort((a, b) => Math.abs(b.d) - Math.abs(a.d))
    .map((x) => `${x.c} ${x.d > 0 ? "+" : ""}${x.d.toFixed(2)}`);
  return [
    `stack "${before.stack}": the monthly estimate moved from ${before.totalUsd.toFixed(2)} to ${now.totalUsd.toFixed(2)} USD ` +
      `(${change > 0 ? "+" : ""}${change.toFixed(1)}%, more than ${tolerancePercent}%); by component: ${moved.join(", ")}. ` +
      "If the change is intended, run `npm run snapshot:cost` and commit the snapshot with the change.",
  ];
}
