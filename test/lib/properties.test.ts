/**
 * Property tests (fast-check) of the pure logic the config and the components compute with: each
 * property is checked on generated inputs against an independent model, not on a few examples.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { contains, formatCidr, overlaps, parseCidr } from "../../lib/cidr";
import { NAME_LIMITS, NameKind, Naming } from "../../lib/naming";
import { connectionBudget, INSTANCE_CLASS_MEMORY_GIB, maxConnections } from "../../lib/rds";
import { parseBackupWindow, parseMaintenanceWindow, windowsOverlap } from "../../infra/sections/database";
import { defaultSubnetPlan, SUBNET_TIERS } from "../../infra/sections/network";

const octet = fc.integer({ min: 0, max: 255 });
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** A network CIDR of the given prefix range: a random address with its host bits cleared. */
const networkCidr = (min: number, max: number) =>
  fc.tuple(octet, octet, octet, octet, fc.integer({ min, max })).map(([a, b, c, d, p]) => {
    const ip = (((a << 24) | (b << 16) | (c << 8) | d) >>> 0) & (p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0);
    return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}/${p}`;
  });

/** Addresses as a number range [first, last], the model CIDR logic is checked against. */
function range(text: string): [number, number] {
  const [addr, p] = text.split("/");
  const ip = addr.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  return [ip, ip + 2 ** (32 - Number(p)) - 1];
}

describe("properties: CIDR arithmetic (lib/cidr.ts)", () => {
  it("parses every network CIDR back to itself and rejects it with a host bit set", () => {
    fc.assert(
      fc.property(networkCidr(0, 31), (text) => {
        assert.equal(formatCidr(parseCidr(text)!), text);
        const [addr, p] = text.split("/");
        const last = addr.split(".").map(Number);
        last[3] |= 1;
        assert.equal(parseCidr(`${last.join(".")}/${p}`), undefined);
      }),
    );
  });

  it("agrees with address ranges on containment and overlap", () => {
    fc.assert(
      fc.property(networkCidr(0, 32), networkCidr(0, 32), (a, b) => {
        const [a0, a1] = range(a);
        const [b0, b1] = range(b);
        assert.equal(contains(parseCidr(a)!, parseCidr(b)!), a0 <= b0 && b1 <= a1);
        assert.equal(overlaps(parseCidr(a)!, parseCidr(b)!), a0 <= b1 && b0 <= a1);
      }),
    );
  });
});

describe("properties: the default subnet plan (infra/sections/network.ts)", () => {
  it("puts one subnet per AZ and tier inside any allowed VPC, none overlapping another", () => {
    fc.assert(
      fc.property(networkCidr(16, 20), fc.integer({ min: 2, max: 3 }), (vpcText, azCount) => {
        const vpc = parseCidr(vpcText)!;
        const plan = defaultSubnetPlan(vpc, azCount);
        const all = SUBNET_TIERS.flatMap((t) => plan[t]);
        for (const t of SUBNET_TIERS) assert.equal(plan[t].length, azCount);
        for (const s of all) assert.ok(contains(vpc, parseCidr(s)!), `${s} outside ${vpcText}`);
        for (let i = 0; i < all.length; i++)
          for (let j = i + 1; j < all.length; j++) assert.ok(!overlaps(parseCidr(all[i])!, parseCidr(all[j])!));
        // Private subnets hold nodes and pods: each is larger than any public or isolated one.
        assert.ok(parseCidr(plan.private[0])!.prefix < parseCidr(plan.public[0])!.prefix);
      }),
    );
  });
});

describe("properties: physical names (lib/naming.ts)", () => {
  const kinds = Object.keys(NAME_LIMITS) as NameKind[];
  const word = fc.stringMatching(/^[A-Za-z0-9_. -]{0,80}$/);

  it("fits every kind's limit and character rules, and the same input gives the same name", () => {
    fc.assert(
      fc.property(word, word, word, fc.constantFrom(...kinds), (project, stack, name, kind) => {
        fc.pre(/[a-z0-9]/i.test(project + stack));
        const n = new Naming(project, stack);
        const out = n.physical(name, kind);
        assert.ok(out.length <= NAME_LIMITS[kind], `${out} longer than ${NAME_LIMITS[kind]}`);
        assert.match(out, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.equal(out, new Naming(project, stack).physical(name, kind));
      }),
    );
  });

  it("keeps distinct long names distinct after shortening", () => {
    const long = fc.stringMatching(/^[a-z0-9]{1,60}$/);
    fc.assert(
      fc.property(long, long, (a, b) => {
        fc.pre(a !== b);
        const n = new Naming("b2b-commerce", "staging");
        const prefix = "x".repeat(40);
        assert.notEqual(n.physical(`${prefix}-${a}`, "targetGroup"), n.physical(`${prefix}-${b}`, "targetGroup"));
      }),
    );
  });
});

describe("properties: backup and maintenance windows (infra/sections/database.ts)", () => {
  const WEEK = 7 * 24 * 60;
  /** The model: the set of minutes of the week each window covers, intersected. */
  function modelOverlap(backupStart: number, backupLength: number, mStart: number, mLength: number): boolean {
    const covered = new Uint8Array(WEEK);
    for (let day = 0; day < 7; day++) for (let m = 0; m < backupLength; m++) covered[(day * 1440 + backupStart + m) % WEEK] = 1;
    for (let m = 0; m < mLength; m++) if (covered[(mStart + m) % WEEK]) return true;
    return false;
  }

  it("finds an overlap exactly when a daily backup minute falls in the weekly maintenance window", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 1, max: 1439 }),
        fc.integer({ min: 0, max: WEEK - 1 }),
        fc.integer({ min: 1, max: 24 * 60 }),
        (bStart, bLength, mStart, mLength) => {
          const backup = parseBackupWindow(`${hhmm(bStart)}-${hhmm(bStart + bLength)}`)!;
          const mEnd = (mStart + mLength) % WEEK;
          const maintenance = parseMaintenanceWindow(
            `${DAYS[Math.floor(mStart / 1440)]}:${hhmm(mStart % 1440)}-${DAYS[Math.floor(mEnd / 1440)]}:${hhmm(mEnd % 1440)}`,
          )!;
          assert.equal(backup[1] - backup[0], bLength);
          assert.equal(maintenance[1] - maintenance[0], mLength);
          assert.equal(windowsOverlap(backup, maintenance), modelOverlap(bStart, bLength, mStart, mLength));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("properties: connection budgets (lib/rds.ts)", () => {
  const classes = Object.keys(INSTANCE_CLASS_MEMORY_GIB);

  it("never exceeds max_connections, grows with the percentage and with the class memory", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...classes),
        fc.constantFrom(...classes),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        (a, b, p, q) => {
          assert.ok(connectionBudget(a, p) <= maxConnections(a));
          assert.ok(maxConnections(a) <= 5000);
          assert.equal(connectionBudget(a, 100), maxConnections(a));
          if (p <= q) assert.ok(connectionBudget(a, p) <= connectionBudget(a, q));
          if (INSTANCE_CLASS_MEMORY_GIB[a] <= INSTANCE_CLASS_MEMORY_GIB[b]) assert.ok(maxConnections(a) <= maxConnections(b));
        },
      ),
    );
  });
});
