/**
 * The DR region's price: the cost estimate prices what prod runs in the DR region (pilot light,
 * and after a failover), and docs/dr.md states those figures (this test fails when they drift).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { estimatePlan } from "../../tools/cost";
import { CostEstimate } from "../../tools/cost/estimate";
import { ROOT } from "../../tools/harness";
import { stackRun, stackRunWith } from "../support/stacks";

const DR = "eu-west-1";
const standbyOrigin = { dnsName: "b2b-dr-alb-1.eu-west-1.elb.amazonaws.com", zoneId: "Z32O12XQLNTSW2" };

/** The figures of the "Price" paragraph of docs/dr.md, in order (pilot light, promoted, active). */
function documentedFigures(): number[] {
  const doc = fs.readFileSync(path.join(ROOT, "docs", "dr.md"), "utf8");
  const paragraph = doc.split("\n\n").find((p) => p.startsWith("**Price**"));
  assert.ok(paragraph, 'docs/dr.md has a "**Price**" paragraph');
  return [...paragraph.matchAll(/\*\*([\d,]+) USD a month\*\*/g)].map((m) => Number(m[1].replace(/,/g, "")));
}

describe("DR region in the cost estimate (prod)", () => {
  const estimates: Record<string, CostEstimate> = {};
  const modes = ["promoted", "active"].map((mode) => {
    const config = { dr: JSON.stringify({ mode, standbyOrigin }) };
    return { mode, config, run: stackRunWith("prod", { config }) };
  });
  before(async () => {
    estimates["pilot-light"] = estimatePlan(await stackRun("prod"));
    for (const { mode, config, run } of modes) estimates[mode] = estimatePlan(await run, { config });
  });

  it("prices the pilot light: the replica instance and storage, the DR keys and alarms, in the DR region", () => {
    const e = estimates["pilot-light"];
    const dr = e.lines.filter((l) => l.region === DR);
    const items = dr.map((l) => `${l.name}: ${l.item}`);
    assert.ok(items.includes("dr-replica: instance db.r7g.xlarge single-az"), items.join("; "));
    assert.ok(items.includes("dr-replica: storage gp3 single-az"), items.join("; "));
    assert.equal(dr.filter((l) => l.priceKey === "kms.key").length, 5);
    // Replica lag, and the dead-letter queues of the DR region's event path and its alert receivers.
    assert.deepEqual(
      dr
        .filter((l) => l.priceKey === "cloudwatch.alarm")
        .map((l) => l.name)
        .sort(),
      ["alarm-alerts-undelivered", "alarm-dr-alerts-undelivered", "alarm-postgres-dr-replica-lag"],
    );
    // No compute in pilot light.
    assert.equal(dr.filter((l) => /eks|nodes|instances m7g|NAT/.test(l.item)).length, 0);
    assert.equal(e.unknown.filter((u) => /dr-replica/.test(u.name) && /instance|storage/.test(u.item)).length, 0);
    const sum = Math.round(dr.reduce((s, l) => s + l.monthlyUsd, 0) * 100) / 100;
    assert.equal(e.byRegion[DR], sum);
    assert.ok(
      e.notes.some((n) => n.includes(`No ${DR} rows`)),
      "the stand-in prices are noted",
    );
  });

  it("adds the cluster, nodes and NAT after a failover, and the Multi-AZ database once active", () => {
    const promoted = estimates.promoted.lines.filter((l) => l.region === DR);
    assert.ok(promoted.some((l) => l.priceKey === "eks.cluster.standard"));
    assert.ok(promoted.some((l) => l.item === "NAT gateway hours"));
    assert.ok(estimates.active.lines.some((l) => l.region === DR && l.item === "instance db.r7g.xlarge multi-az"));
    assert.ok(estimates.promoted.byRegion[DR] > estimates["pilot-light"].byRegion[DR]);
    assert.ok(estimates.active.byRegion[DR] > estimates.promoted.byRegion[DR]);
  });

  it("docs/dr.md states the three figures as the estimate computes them", () => {
    assert.deepEqual(
      documentedFigures(),
      ["pilot-light", "promoted", "active"].map((m) => Math.round(estimates[m].byRegion[DR])),
    );
  });
});
