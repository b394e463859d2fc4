/**
 * The offline cost estimate (`npm run plan -- --stack <s> --cost`): figures pinned against
 * hand-computed prices, every resource accounted for, unknown prices listed and never guessed, and
 * the cost snapshot guard (test/snapshots/<stack>.cost.json, `npm run snapshot:cost`).
 */
import { strict as assert } from "node:assert";
import { loadConfig } from "../../infra/config";
import { CostSettings } from "../../infra/sections/cost";
import { estimatePlan } from "../../tools/cost";
import { readStackConfig } from "../../tools/harness";
import { CostEstimate, CostResource, estimateCost, helmVolumes } from "../../tools/cost/estimate";
import { PRICES, SOURCES, priceOf } from "../../tools/cost/prices";
import { costDrift, makeCostSnapshot, readCostSnapshot } from "../../tools/cost/snapshot";
import { profiles } from "../../stacks";
import { STACKS, StackName, stackRun } from "../support/stacks";

const estimates: Partial<Record<StackName, CostEstimate>> = {};
const resourcesOf: Partial<Record<StackName, CostResource[]>> = {};
const settings: Partial<Record<StackName, CostSettings>> = {};

function line(e: CostEstimate, name: string, item: RegExp) {
  const found = e.lines.filter((l) => l.name === name && item.test(l.item));
  assert.equal(
    found.length,
    1,
    `one line "${item}" of ${name}; lines of ${name}: ${e.lines.filter((l) => l.name === name).map((l) => l.item)}`,
  );
  return found[0];
}

describe("cost estimate", () => {
  before(async () => {
    for (const stack of STACKS) {
      const run = await stackRun(stack);
      resourcesOf[stack] = run.resources;
      estimates[stack] = estimatePlan(run);
      settings[stack] = loadConfig(run.project, stack, readStackConfig(stack)).cost;
    }
  });

  describe("hand-computed figures (us-east-1 list prices, 730 h)", () => {
    it("dev: EKS standard support 0.10 x 730 = 73.00; 2 x t4g.medium 2 x 0.0336 x 730 = 49.06 all month; one NAT 0.045 x 730 = 32.85", () => {
      const e = estimates.dev!;
      assert.equal(line(e, "eks", /control plane/).monthlyUsd, 73);
      assert.equal(line(e, "vpc", /^NAT gateway hours/).monthlyUsd, 32.85);
      assert.equal(line(e, "vpc", /Elastic IPs/).monthlyUsd, 3.65);
      // 50 GB x 0.045
      assert.equal(line(e, "vpc", /data processed/).monthlyUsd, 2.25);
      const system = line(e, "system", /instances t4g.medium/);
      assert.equal(system.unitUsd, 0.0336);
    });

    it("dev: the out-of-hours schedule prices nodes and the database for 65 h a week (282.44 h a month)", () => {
      const e = estimates.dev!;
      // 5 days x 13 h x 730 / 168
      assert.equal(e.scheduledHours, 282.44);
      assert.equal(line(e, "system", /instances/).monthlyUsd, Math.round(2 * 0.0336 * ((65 * 730) / 168) * 100) / 100);
      assert.equal(
        line(e, "primary", /instance db.t4g.medium single-az/).monthlyUsd,
        Math.round(0.065 * ((65 * 730) / 168) * 100) / 100,
      );
      // 20 GiB x 0.115: storage bills while the instance is stopped.
      assert.equal(line(e, "primary", /storage/).monthlyUsd, 2.3);
    });

    it("staging: three NAT gateways 3 x 32.85 = 98.55; 3 x m7g.xlarge apps on Spot priced at on-demand 3 x 0.1632 x 730 = 357.41", () => {
      const e = estimates.staging!;
      assert.equal(line(e, "vpc", /^NAT gateway hours/).monthlyUsd, 98.55);
      const apps = line(e, "apps", /instances m7g.xlarge/);
      assert.equal(apps.monthlyUsd, 357.41);
      assert.match(apps.assumption ?? "", /Spot, priced at the on-demand rate/);
    });

    it("prod: db.r7g.xlarge Multi-AZ 0.956 x 730 = 697.88, 200 GiB x 0.23 = 46.00, proxy 4 vCPU x 0.015 x 730 = 43.80", () => {
      const e = estimates.prod!;
      assert.equal(line(e, "primary", /instance db.r7g.xlarge multi-az/).monthlyUsd, 697.88);
      assert.equal(line(e, "primary", /storage gp3 multi-az/).monthlyUsd, 46);
      assert.equal(e.lines.filter((l) => l.type === "aws:rds/proxy:Proxy")[0].monthlyUsd, 43.8);
      // Replicas are Single-AZ, sized like their source: 0.478 x 730 and 200 x 0.115.
      assert.equal(line(e, "replica-a", /instance db.r7g.xlarge single-az/).monthlyUsd, 348.94);
      assert.equal(line(e, "replica-a", /storage/).monthlyUsd, 23);
    });
  });

  for (const stack of STACKS) {
    it(`${stack}: every resource is priced, free of charge with a reason, or listed as unknown`, () => {
      const e = estimates[stack]!;
      const resources = resourcesOf[stack]!;
      const named = new Set([...e.lines, ...e.unknown].map((l) => `${l.type}::${l.name}`));
      const freeCount = e.free.reduce((s, f) => s + f.count, 0);
      const priced = resources.filter((r) => named.has(`${r.type}::${r.name}`)).length;
      assert.equal(priced + freeCount, resources.length);
      for (const f of e.free) assert.ok(f.reason.length > 10, `${f.type} has a reason`);
    });

    it(`${stack}: the total is the sum of the lines, and of the components, and is positive`, () => {
      const e = estimates[stack]!;
      const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
      assert.ok(e.totalUsd > 0);
      assert.equal(e.totalUsd, sum(e.lines.map((l) => l.monthlyUsd)));
      assert.ok(Math.abs(e.totalUsd - sum(Object.values(e.byComponent))) < 0.05);
      assert.ok(Math.abs(e.totalUsd - sum(Object.values(e.byType))) < 0.05);
    });

    it(`${stack}: usage-driven lines name the config key and value they come from`, () => {
      const e = estimates[stack]!;
      const usage = profiles[stack].cost.usage;
      const nat = line(e, "vpc", /data processed/);
      assert.equal(nat.assumption, `cost.usage.natGbPerMonth = ${usage.natGbPerMonth}`);
      assert.equal(
        line(e, "cdn", /data transfer out/).assumption,
        `cost.usage.cloudfrontGbPerMonth = ${usage.cloudfrontGbPerMonth}`,
      );
      assert.equal(e.assumptions["cost.usage.logIngestGbPerMonth"], usage.logIngestGbPerMonth);
    });

    it(`${stack}: the cost snapshot holds (a move over the tolerance needs \`npm run snapshot:cost\`)`, () => {
      const snapshot = readCostSnapshot(stack);
      assert.ok(snapshot, `test/snapshots/${stack}.cost.json is missing: run \`npm run snapshot:cost\``);
      assert.deepEqual(costDrift(snapshot, estimates[stack]!), []);
    });
  }

  it("each price cites a source of the table, and sources carry a date", () => {
    for (const [key, entry] of Object.entries(PRICES))
      for (const [region, p] of Object.entries(entry.regions)) {
        assert.ok(p!.usd > 0, `${key} ${region}`);
        for (const s of p!.source) assert.ok(SOURCES[s], `${key} ${region} cites ${s}`);
      }
    for (const s of Object.values(SOURCES)) assert.match(s.checked, /^\d{4}-\d{2}-\d{2}$/);
  });

  it("region-aware: eu-west-1 uses its own rows, and items without an eu-west-1 row are unknown, not guessed", () => {
    const resources = resourcesOf.dev!;
    const cost = { ...settings.dev!, priceRegion: "eu-west-1" };
    const e = estimateCost(resources, { region: "eu-central-1", cost });
    assert.equal(line(e, "system", /instances/).unitUsd, 0.0368);
    const db = e.unknown.find((u) => u.name === "primary" && /instance/.test(u.item));
    assert.ok(db, "the RDS instance has no eu-west-1 price: listed as unknown");
    assert.match(db.reason, /no eu-west-1 price for rds.postgres.db.t4g.medium.single-az/);
    assert.ok(!e.lines.some((l) => l.name === "primary" && /instance/.test(l.item)));
    // Global prices (WAF) hold in every region.
    assert.equal(priceOf("waf.web-acl", "ap-south-1")?.usd, 5);
  });

  it("a resource type the table does not price is listed as unknown and adds nothing to the total", () => {
    const resources = resourcesOf.dev!;
    const base = estimateCost(resources, { region: "eu-central-1", cost: settings.dev! });
    const planted: CostResource = {
      urn: "urn:pulumi:dev::b2b-commerce::aws:dynamodb/table:Table::orders",
      type: "aws:dynamodb/table:Table",
      name: "orders",
      parent: null,
      provider: null,
      dependencies: [],
      custom: true,
      remote: false,
      inputs: {},
    };
    const e = estimateCost([...resources, planted], { region: "eu-central-1", cost: settings.dev! });
    assert.equal(e.totalUsd, base.totalUsd);
    assert.deepEqual(
      e.unknown.filter((u) => u.name === "orders").map((u) => u.reason),
      ["no price for this resource type in the table"],
    );
  });

  it("an EKS cluster without an upgrade policy is priced at extended support (the AWS default), 0.60 x 730 = 438", () => {
    const resources = resourcesOf.dev!.map((r) =>
      r.type === "eks:index:Cluster" ? { ...r, inputs: { ...r.inputs, upgradePolicy: undefined } } : r,
    );
    const e = estimateCost(resources, { region: "eu-central-1", cost: settings.dev! });
    assert.equal(line(e, "eks", /control plane \(extended/).monthlyUsd, 438);
  });

  it("the snapshot guard fails when a stack total moves more than the tolerance, naming the component", () => {
    const e = estimates.prod!;
    const snapshot = makeCostSnapshot("prod", e);
    const resources = resourcesOf.prod!.map((r) =>
      r.type === "aws:eks/nodeGroup:NodeGroup" && r.name === "apps"
        ? { ...r, inputs: { ...r.inputs, scalingConfig: { minSize: 3, desiredSize: 6, maxSize: 12 } } }
        : r,
    );
    const moved = estimateCost(resources, { region: "eu-central-1", cost: settings.prod! });
    const drift = costDrift(snapshot, moved);
    assert.equal(drift.length, 1);
    assert.match(
      drift[0],
      /stack "prod": the monthly estimate moved from .* \(\+\d+\.\d%, more than 2%\); by component: cluster \+/,
    );
    assert.deepEqual(costDrift(snapshot, e), []);
  });

  it("Helm values: volume claim templates count their replicas, persistence counts once", () => {
    const vols = helmVolumes({
      prometheus: {
        prometheusSpec: {
          replicas: 2,
          storageSpec: { volumeClaimTemplate: { spec: { resources: { requests: { storage: "200Gi" } } } } },
        },
      },
      grafana: { persistence: { enabled: true, size: "10Gi" } },
      other: { persistence: { enabled: false, size: "99Gi" } },
    });
    assert.deepEqual(
      vols.map((v) => [v.gib, v.count]),
      [
        [200, 2],
        [10, 1],
      ],
    );
  });
});
