import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { ConfigError, loadConfig } from "../../infra/config";
import { readStackConfig } from "../../tools/harness";
import { capacityConfig, main, peakLoad } from "../../tools/capacity";
import { CAPACITY_DOC, currentCapacityDoc, formatted, growthBlocks, withBlocks } from "../../tools/capacity/docs";
import {
  breakpoints,
  CapacityConfig,
  capacityAt,
  exceeded,
  growthProjection,
  requestsPerOrder,
} from "../../tools/capacity/model";
import { renderCapacityText } from "../../tools/capacity/render";

const limit = (at: ReturnType<typeof capacityAt>, id: string) => {
  const l = at.limits.find((x) => x.id === id);
  assert.ok(l, `no limit ${id}`);
  return l;
};

/** A config with some capacity assumptions changed (values only; sources kept). */
function withThroughput(config: CapacityConfig, factor: number): CapacityConfig {
  const t = config.capacity.podThroughput;
  const scale = (a: { value: number; source: string }) => ({ ...a, value: a.value * factor });
  return {
    ...config,
    capacity: {
      ...config.capacity,
      podThroughput: { storefront: scale(t.storefront), api: scale(t.api), workers: scale(t.workers) },
    },
  };
}

describe("capacity model: prod at 300 orders per minute, computed by hand", () => {
  const prod = capacityConfig("prod");
  const at = capacityAt(prod, 300);

  it("requests per order are the sum over the five journeys", () => {
    assert.equal(requestsPerOrder(prod.capacity, "storefront"), 30 + 6 + 3 + 2 + 3);
    assert.equal(requestsPerOrder(prod.capacity, "api"), 20 + 12 + 6 + 8 + 6);
  });

  it("pods per service: rate / per-pod throughput, at least the autoscaler minimum; rollout extra from the strategy", () => {
    const by = Object.fromEntries(at.services.map((s) => [s.service, s]));
    // 300/60 x 44 = 220 req/s at 50 per pod -> 5; 300/60 x 52 = 260 -> 6 (5.2); 300/60 x 3 = 15 jobs/s at 5 -> 3 (the minimum).
    assert.deepEqual([by.storefront.rate, by.api.rate, by.workers.rate], [220, 260, 15]);
    assert.deepEqual([by.storefront.pods, by.api.pods, by.workers.pods], [5, 6, 3]);
    // canary maxSurge 25 %: ceil(5/4) = 2, ceil(6/4) = 2; blue-green: a full preview of 3.
    assert.deepEqual([by.storefront.rolloutExtraPods, by.api.rolloutExtraPods, by.workers.rolloutExtraPods], [2, 2, 3]);
  });

  it("apps nodes: CPU requests 9,000m over 3,600m allocatable per m7g.xlarge -> 3 (the minimum is 3 too)", () => {
    // storefront 7 x 500m + api 8 x 500m + workers 6 x 250m = 9,000m; 4,000m - 400m reserved per node.
    assert.equal(at.nodes.apps, 3);
    assert.equal(at.nodes.instanceType, "m7g.xlarge");
    assert.deepEqual([limit(at, "nodes.apps").used, limit(at, "nodes.apps").max], [3, 12]);
  });

  it("database: (260 x 2 ms + 15 x 10 ms) / 60 % = 1.117 vCPUs, 3 busy connections through the proxy, 140 client connections", () => {
    assert.ok(Math.abs(at.database.vcpusNeeded - 0.67 / 0.6) < 1e-9, String(at.database.vcpusNeeded));
    assert.equal(at.database.clientConnections, (8 + 6) * 10);
    assert.equal(at.database.connections, Math.ceil(275 * 0.01));
    // db.r7g.xlarge: 32 GiB -> max_connections 3,604 (lib/rds.ts), 80 % -> 2,883.
    assert.deepEqual([limit(at, "database.connections").max, limit(at, "database.cpu").max], [2883, 4]);
    assert.equal(at.database.neededClass, "db.r7g.large");
  });

  it("cache: 300 x 8 sessions x 30 min x 16 KiB + 0.5 GiB catalogue = 1.599 GiB", () => {
    assert.ok(Math.abs(at.cacheGiB - ((300 * 8 * 30 * 16) / 1024 ** 2 + 0.5)) < 1e-9);
  });

  it("quota during a rollout: api 8 pods x 500m = 4,000m of 16,000m requests.cpu", () => {
    const q = limit(at, "quota.api.requestsCpu");
    assert.deepEqual([q.used, q.max], [4000, 16000]);
  });

  it("load-driven cost from the price table: nodes, writer Multi-AZ, replicas, proxy", () => {
    const usd = Object.fromEntries(at.cost.items.map((i) => [i.priceKey + ":" + i.quantity, i.monthlyUsd]));
    assert.equal(usd["ec2.m7g.xlarge:3"], 357.41); // 3 x 0.1632 x 730
    assert.equal(usd["ec2.m7g.large:3"], 178.7); // 3 x 0.0816 x 730
    assert.equal(usd["rds.postgres.db.r7g.xlarge.multi-az:1"], 697.88); // 0.956 x 730
    assert.equal(usd["rds.postgres.db.r7g.xlarge.single-az:2"], 697.88); // 2 x 0.478 x 730
    assert.equal(usd["rds.proxy.vcpu-hour:4"], 43.8); // 4 vCPUs x 0.015 x 730
    assert.equal(at.cost.monthlyUsd, 1975.67);
    assert.deepEqual(at.cost.unknown, []);
  });

  it("what breaks first: the writer's CPU at 1,075 orders per minute (4 vCPUs x 36,000 / 134)", () => {
    const [first] = breakpoints(prod);
    assert.equal(first.id, "database.cpu");
    assert.equal(first.ordersPerMinute, Math.floor((4 * 36000) / 134) + 1);
    const text = renderCapacityText(prod, at, breakpoints(prod));
    assert.match(text, /First limit hit: writer vCPUs .* at 1,075 orders per minute/);
  });
});

describe("capacity model: staging and dev", () => {
  it("staging: the api autoscaler maximum (6) breaks first, at 174 orders per minute (52/60 x L / 25 > 6)", () => {
    const [first] = breakpoints(capacityConfig("staging"));
    assert.equal(first.id, "autoscaler.api");
    assert.equal(first.ordersPerMinute, 174);
  });

  it("a load beyond a limit is reported exceeded, and the command exits 1", () => {
    const dev = capacityConfig("dev");
    const at = capacityAt(dev, 100);
    assert.ok(exceeded(at).some((l) => l.id === "autoscaler.api"));
    const log = console.log;
    console.log = () => {};
    try {
      assert.equal(main(["--stack", "dev", "--peak-orders-per-minute", "100"]), 1);
      assert.equal(main(["--stack", "dev", "--peak-orders-per-minute", "1"]), 0);
    } finally {
      console.log = log;
    }
  });
});

describe("capacity command: input", () => {
  it("reads the load from the flag or from a file, and refuses bad loads with what is allowed", () => {
    assert.equal(peakLoad({ "peak-orders-per-minute": "12.5" }), 12.5);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cap-")), "load.json");
    fs.writeFileSync(file, JSON.stringify({ peakOrdersPerMinute: 80 }));
    assert.equal(peakLoad({ load: file }), 80);
    assert.throws(() => peakLoad({ "peak-orders-per-minute": "lots" }), /is "lots"; allowed: a number from 0/);
    assert.throws(() => peakLoad({ "peak-orders-per-minute": "-1" }), /allowed: a number from 0/);
    assert.throws(() => peakLoad({ "peak-orders-per-minute": "1", load: file }), /not both/);
    const err = console.error;
    console.error = () => {};
    try {
      assert.equal(main(["--peak-orders-per-minute", "1"]), 2);
    } finally {
      console.error = err;
    }
  });

  it("a bad assumption is a config error naming the stack, the key, the value and what is allowed", () => {
    const raw = readStackConfig("prod");
    raw["b2b-commerce:capacity"] = JSON.stringify({ podThroughput: { api: { value: -5, source: "x" } } });
    assert.throws(
      () => loadConfig("b2b-commerce", "prod", raw),
      (e: Error) =>
        e instanceof ConfigError &&
        /stack "prod"/.test(e.message) &&
        /"b2b-commerce:capacity.podThroughput.api(.value)?" is /.test(e.message) &&
        /allowed: \{"value": <requests per second per pod, 0.01 to 100000>/.test(e.message),
    );
  });
});

describe("capacity model: properties", () => {
  const configs = (["dev", "staging", "prod"] as const).map((s) => capacityConfig(s));
  const stack = fc.constantFrom(...configs);
  const loads = fc.tuple(fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }));

  it("monotone in load: more orders never need fewer pods, nodes, vCPUs, connections, cache or limit use", () => {
    fc.assert(
      fc.property(stack, loads, (config, [x, y]) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const a = capacityAt(config, lo);
        const b = capacityAt(config, hi);
        a.services.forEach((s, i) => assert.ok(s.pods <= b.services[i].pods));
        assert.ok(a.nodes.apps <= b.nodes.apps);
        assert.ok(a.database.vcpusNeeded <= b.database.vcpusNeeded);
        assert.ok(a.database.connections <= b.database.connections);
        assert.ok(a.cacheGiB <= b.cacheGiB);
        a.limits.forEach((l, i) => assert.ok(l.used <= b.limits[i].used, l.id));
        if (a.cost.unknown.length === 0 && b.cost.unknown.length === 0) assert.ok(a.cost.monthlyUsd <= b.cost.monthlyUsd);
      }),
      { numRuns: 60 },
    );
  });

  it("each breakpoint is exact: the limit holds one order per minute below it and is exceeded at it", () => {
    fc.assert(
      fc.property(stack, fc.double({ min: 0.2, max: 5, noNaN: true }), (base, factor) => {
        const config = withThroughput(base, factor);
        for (const b of breakpoints(config)) {
          if (b.ordersPerMinute === undefined || b.ordersPerMinute === 0) continue;
          const over = (load: number) => {
            const l = limit(capacityAt(config, load), b.id);
            return l.used > l.max;
          };
          assert.ok(over(b.ordersPerMinute), `${b.id} not exceeded at ${b.ordersPerMinute}`);
          assert.ok(!over(b.ordersPerMinute - 1), `${b.id} already exceeded at ${b.ordersPerMinute - 1}`);
        }
      }),
      { numRuns: 15 },
    );
  });

  it("faster pods never move a breakpoint to a lower load", () => {
    fc.assert(
      fc.property(stack, fc.double({ min: 1, max: 4, noNaN: true }), (config, factor) => {
        const before = Object.fromEntries(breakpoints(config).map((b) => [b.id, b.ordersPerMinute ?? Infinity]));
        for (const b of breakpoints(withThroughput(config, factor))) {
          assert.ok((b.ordersPerMinute ?? Infinity) >= before[b.id], `${b.id}: ${b.ordersPerMinute} < ${before[b.id]}`);
        }
      }),
      { numRuns: 10 },
    );
  });
});

describe("capacity: the 12-month projection in docs/capacity.md", () => {
  it("grows the peak by the monthly rate and accumulates storage from the orders", () => {
    const prod = capacityConfig("prod");
    const rows = growthProjection(prod);
    assert.equal(rows.length, 13);
    assert.ok(Math.abs(rows[12].peakOrdersPerMinute - 40 * 1.08 ** 12) < 1e-9);
    // month 1: 43.2 orders/min x 60 x 730 h x 10 % = 189,216 orders x 64 KiB.
    assert.ok(Math.abs(rows[1].ordersPerMonth - 43.2 * 60 * 730 * 0.1) < 1e-6);
    assert.ok(Math.abs(rows[1].storageGiB - (40 + (rows[1].ordersPerMonth * 64) / 1024 ** 2)) < 1e-9);
  });

  it("is current (npm run docs:capacity)", async () => {
    const text = fs.readFileSync(CAPACITY_DOC, "utf8");
    assert.equal(text, await currentCapacityDoc(), "docs/capacity.md is stale: run `npm run docs:capacity`");
  });

  it("a stale projection fails the check", async () => {
    const text = fs.readFileSync(CAPACITY_DOC, "utf8");
    const planted = text.replace("db.r7g.large", "db.r7g.8xlarge");
    assert.notEqual(planted, text);
    assert.notEqual(planted, await formatted(withBlocks(planted, growthBlocks())));
  });

  it("names a missing block", () => {
    assert.throws(() => withBlocks("# x\n", { "growth-prod": "t" }), /no <!-- generated:growth-prod --> block/);
  });
});
