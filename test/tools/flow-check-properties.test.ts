/**
 * Property tests (fast-check) of the reachability check's layer functions (tools/flow-check), each
 * against a small model written from the rules themselves: a flow is open exactly when no layer
 * is closed; a Kubernetes NetworkPolicy, a security group, an IAM Deny only ever close; routes
 * follow the subnet tiers; a database login needs every link of its chain. The whole-stack
 * behaviour (which flows of the plan are open) is test/tools/flow-check.test.ts.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  type Actor,
  type Protocol,
  hostIn,
  iamAllows,
  inCidr,
  networkPolicyAllows,
  routeAllows,
  securityGroupsAllow,
} from "../../tools/flow-check/evaluate";
import { type LayerResult, LAYERS, databaseLogin, row } from "../../tools/flow-check/index";
import type { Model, NetworkPolicyDoc, SecurityGroup, SgRule } from "../../tools/flow-check/model";

const RUNS = { numRuns: 300 };

function emptyModel(over: Partial<Model> = {}): Model {
  return {
    vpc: { cidrs: { public: [], private: [], isolated: [] }, tierOf: new Map(), nat: false, internetGateway: false },
    namespaces: new Map(),
    policies: [],
    groups: new Map(),
    nodeGroups: [],
    endpoints: [],
    proxies: [],
    instances: [],
    proxyTargets: [],
    loadBalancers: [],
    functions: [],
    caches: [],
    cacheUsers: new Map(),
    cacheUserGroups: new Map(),
    roles: new Map(),
    serviceAccounts: new Map(),
    databaseUsers: new Map(),
    ...over,
  };
}

const ipToInt = (ip: string) => ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);

describe("flow check layers: properties against models", () => {
  describe("addresses", () => {
    const cidr = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 30 })).map(([n, prefix]) => {
      const base = n - (n % 2 ** (32 - prefix));
      return { base, prefix, text: `${hostIn(`0.0.0.0/0`, base)}/${prefix}` };
    });

    it("an address is in a CIDR exactly when base <= address < base + size (arithmetic model)", () => {
      fc.assert(
        fc.property(cidr, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (c, n) => {
          const ip = hostIn("0.0.0.0/0", n);
          assert.equal(ipToInt(ip), n);
          assert.equal(inCidr(ip, c.text), n >= c.base && n < c.base + 2 ** (32 - c.prefix));
        }),
        RUNS,
      );
    });
  });

  describe("a flow's row", () => {
    const state = fc.constantFrom<LayerResult["state"]>("open", "closed", "n/a");
    const layers = fc
      .tuple(...LAYERS.map(() => state))
      .map((states) => states.map((s, i): LayerResult => ({ layer: LAYERS[i], state: s, detail: `${LAYERS[i]} ${s}` })));

    it("is open exactly when no layer is closed; the first closed layer is the one named; ok compares with the expectation", () => {
      fc.assert(
        fc.property(layers, fc.constantFrom<"open" | "closed">("open", "closed"), (ls, expected) => {
          const r = row("a -> b", "declared", expected, ls);
          assert.equal(
            r.open,
            ls.every((l) => l.state !== "closed"),
          );
          assert.equal(r.ok, r.open === (expected === "open"));
          const first = ls.find((l) => l.state === "closed");
          assert.deepEqual(r.closedBy, first ? { layer: first.layer, detail: first.detail } : undefined);
        }),
        RUNS,
      );
    });

    it("closing any one layer of an open flow closes it", () => {
      fc.assert(
        fc.property(layers, fc.integer({ min: 0, max: LAYERS.length - 1 }), (ls, i) => {
          const closed = ls.map((l, j) => (j === i ? { ...l, state: "closed" as const } : l));
          assert.equal(row("a -> b", "declared", "open", closed).open, false);
        }),
        RUNS,
      );
    });
  });

  describe("security groups (stateful: the sender's egress and the receiver's ingress)", () => {
    const CIDRS = ["10.0.0.0/16", "10.0.1.0/24", "0.0.0.0/0", "192.0.2.0/24"];
    const GROUPS = ["sg-a", "sg-b", "sg-c"];
    const IPS = ["10.0.1.5", "10.0.2.7", "192.0.2.10", "52.94.0.10"];
    const sgRule = fc.record({
      protocol: fc.constantFrom("tcp", "udp", "-1"),
      // Small port numbers, so that ports on a range's edges come up often.
      from: fc.integer({ min: 0, max: 20 }),
      span: fc.integer({ min: 0, max: 5 }),
      cidrs: fc.subarray(CIDRS, { maxLength: 2 }),
      groups: fc.subarray(GROUPS, { maxLength: 2 }),
    });
    const group = (id: string) =>
      fc
        .record({ ingress: fc.array(sgRule, { maxLength: 3 }), egress: fc.array(sgRule, { maxLength: 3 }) })
        .map((g): SecurityGroup => ({
          id,
          name: id,
          ingress: g.ingress.map((r, i) => toRule(`${id}-in-${i}`, r)),
          egress: g.egress.map((r, i) => toRule(`${id}-out-${i}`, r)),
        }));
    const toRule = (
      source: string,
      r: { protocol: string; from: number; span: number; cidrs: string[]; groups: string[] },
    ): SgRule =>
      r.protocol === "-1"
        ? { source, protocol: "-1", from: 0, to: 65535, cidrs: r.cidrs, groups: r.groups }
        : { source, protocol: r.protocol, from: r.from, to: r.from + r.span, cidrs: r.cidrs, groups: r.groups };
    const actor = (label: string) =>
      fc
        .record({ ip: fc.constantFrom(...IPS), groups: fc.subarray(GROUPS, { maxLength: 2 }), internet: fc.boolean() })
        .map((a): Actor => ({ label, ip: a.ip, groups: a.internet ? [] : a.groups, where: a.internet ? "internet" : "private" }));
    const world = fc.record({
      groups: fc.tuple(...GROUPS.map(group)),
      from: actor("src"),
      to: actor("dst"),
      protocol: fc.constantFrom<Protocol>("TCP", "UDP"),
      port: fc.integer({ min: 0, max: 30 }),
    });
    const modelOf = (gs: SecurityGroup[]) => emptyModel({ groups: new Map(gs.map((g) => [g.id, g])) });

    /** The model: a rule admits when protocol, port and peer (an address block or a group of the peer) match. */
    const admits = (r: SgRule, protocol: Protocol, port: number, peer: Actor) =>
      (r.protocol === "-1" || (r.protocol === protocol.toLowerCase() && port >= r.from && port <= r.to)) &&
      (r.cidrs.some((c) => inCidrModel(peer.ip, c)) || r.groups.some((g) => peer.groups.includes(g)));
    const inCidrModel = (ip: string, c: string) => {
      const [base, prefix] = c.split("/");
      const size = 2 ** (32 - Number(prefix));
      return Math.floor(ipToInt(ip) / size) === Math.floor(ipToInt(base) / size);
    };
    const side = (gs: SecurityGroup[], a: Actor, dir: "ingress" | "egress", protocol: Protocol, port: number, peer: Actor) =>
      a.where === "internet" ||
      gs.filter((g) => a.groups.includes(g.id)).some((g) => g[dir].some((r) => admits(r, protocol, port, peer)));

    it("open exactly when the sender's groups allow the egress and the receiver's the ingress (the internet has no group)", () => {
      fc.assert(
        fc.property(world, (w) => {
          const v = securityGroupsAllow(modelOf(w.groups), w.from, w.to, w.protocol, w.port);
          const expected =
            side(w.groups, w.from, "egress", w.protocol, w.port, w.to) &&
            side(w.groups, w.to, "ingress", w.protocol, w.port, w.from);
          assert.equal(v.open, expected, v.detail);
        }),
        RUNS,
      );
    });

    it("one end alone (the sender's egress): open exactly when a rule of its groups admits protocol, port and peer", () => {
      fc.assert(
        fc.property(world, (w) => {
          const from: Actor = { ...w.from, where: "private" };
          const v = securityGroupsAllow(modelOf(w.groups), from, w.to, w.protocol, w.port, { egress: true, ingress: false });
          assert.equal(v.open, side(w.groups, from, "egress", w.protocol, w.port, w.to), v.detail);
        }),
        { numRuns: 1000 },
      );
    });

    it("adding a rule never closes a flow, removing every rule of both ends closes it unless an end is the internet", () => {
      fc.assert(
        fc.property(world, sgRule, fc.integer({ min: 0, max: GROUPS.length - 1 }), fc.boolean(), (w, extra, gi, egress) => {
          const before = securityGroupsAllow(modelOf(w.groups), w.from, w.to, w.protocol, w.port).open;
          const grown = w.groups.map((g, i) =>
            i !== gi
              ? g
              : { ...g, [egress ? "egress" : "ingress"]: [...g[egress ? "egress" : "ingress"], toRule("extra", extra)] },
          );
          if (before) assert.equal(securityGroupsAllow(modelOf(grown), w.from, w.to, w.protocol, w.port).open, true);
          const bare = w.groups.map((g) => ({ ...g, ingress: [], egress: [] }));
          const after = securityGroupsAllow(modelOf(bare), w.from, w.to, w.protocol, w.port).open;
          assert.equal(after, w.from.where === "internet" && w.to.where === "internet");
        }),
        RUNS,
      );
    });
  });

  describe("Kubernetes NetworkPolicy", () => {
    const KEYS = ["app", "tier"];
    const VALUES = ["api", "web", "db"];
    const labels = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 });
    const NAMESPACES = ["api", "web"];
    const port = fc.integer({ min: 1, max: 9000 });
    const rule = fc.record({
      peers: fc.option(fc.array(fc.record({ podSelector: fc.record({ matchLabels: labels }) }), { minLength: 1, maxLength: 2 }), {
        nil: undefined,
      }),
      ports: fc.option(fc.array(fc.record({ protocol: fc.constantFrom("TCP", "UDP"), port }), { minLength: 1, maxLength: 2 }), {
        nil: undefined,
      }),
    });
    const policy = (i: number) =>
      fc
        .record({ namespace: fc.constantFrom(...NAMESPACES), selector: labels, ingress: fc.array(rule, { maxLength: 2 }) })
        .map((p): NetworkPolicyDoc => ({
          name: `np-${i}`,
          namespace: p.namespace,
          spec: {
            podSelector: { matchLabels: p.selector },
            policyTypes: ["Ingress"],
            ingress: p.ingress.map((r) => ({
              ...(r.peers ? { from: r.peers } : {}),
              ...(r.ports ? { ports: r.ports } : {}),
            })),
          },
        }));
    const pod = (label: string, ip: string) =>
      fc
        .record({ namespace: fc.constantFrom(...NAMESPACES), labels })
        .map((p): Actor => ({ label, ip, groups: [], where: "private", pod: p }));
    const world = fc.record({
      policies: fc.tuple(policy(0), policy(1), policy(2)).map((ps) => [...ps]),
      dst: pod("dst", "10.0.1.10"),
      src: pod("src", "10.0.1.11"),
      protocol: fc.constantFrom<Protocol>("TCP", "UDP"),
      port,
    });
    const matches = (sel: Record<string, string>, l: Record<string, string>) => Object.entries(sel).every(([k, v]) => l[k] === v);
    const ingressOpen = (ps: NetworkPolicyDoc[], dst: Actor, src: Actor, protocol: Protocol, p: number) => {
      const sel = ps.filter(
        (x) =>
          x.namespace === dst.pod!.namespace &&
          matches((x.spec.podSelector as { matchLabels: Record<string, string> }).matchLabels, dst.pod!.labels),
      );
      if (sel.length === 0) return true; // not isolated: everything is admitted
      return sel.some((x) =>
        (
          x.spec.ingress as {
            from?: { podSelector: { matchLabels: Record<string, string> } }[];
            ports?: { protocol: string; port: number }[];
          }[]
        ).some(
          (r) =>
            (!r.from ||
              r.from.some(
                (peer) => src.pod!.namespace === x.namespace && matches(peer.podSelector.matchLabels, src.pod!.labels),
              )) &&
            (!r.ports || r.ports.some((q) => q.protocol === protocol && q.port === p)),
        ),
      );
    };

    it("ingress is open exactly when no policy selects the pod, or a rule of a selecting policy admits the peer and port", () => {
      fc.assert(
        fc.property(world, (w) => {
          const v = networkPolicyAllows(emptyModel({ policies: w.policies }), "Ingress", w.dst, w.src, w.protocol, w.port);
          assert.equal(v.open, ingressOpen(w.policies, w.dst, w.src, w.protocol, w.port), v.detail);
        }),
        RUNS,
      );
    });

    it("adding a policy without rules (a deny-all for the pods it selects) never opens a flow, and closes it for a selected pod", () => {
      fc.assert(
        fc.property(world, labels, (w, selector) => {
          const before = networkPolicyAllows(
            emptyModel({ policies: w.policies }),
            "Ingress",
            w.dst,
            w.src,
            w.protocol,
            w.port,
          ).open;
          const deny: NetworkPolicyDoc = {
            name: "deny",
            namespace: w.dst.pod!.namespace,
            spec: { podSelector: { matchLabels: selector }, policyTypes: ["Ingress"], ingress: [] },
          };
          const policies = [...w.policies, deny];
          const after = networkPolicyAllows(emptyModel({ policies }), "Ingress", w.dst, w.src, w.protocol, w.port).open;
          if (!before) assert.equal(after, false);
          if (!matches(selector, w.dst.pod!.labels)) assert.equal(after, before);
          else assert.equal(after, ingressOpen(policies, w.dst, w.src, w.protocol, w.port));
          if (matches(selector, w.dst.pod!.labels) && w.policies.every((p) => p.namespace !== w.dst.pod!.namespace))
            assert.equal(after, false);
        }),
        RUNS,
      );
    });

    it("policies of another namespace never change the verdict", () => {
      fc.assert(
        fc.property(world, (w) => {
          const own = w.policies.filter((p) => p.namespace === w.dst.pod!.namespace);
          const all = networkPolicyAllows(emptyModel({ policies: w.policies }), "Ingress", w.dst, w.src, w.protocol, w.port).open;
          assert.equal(networkPolicyAllows(emptyModel({ policies: own }), "Ingress", w.dst, w.src, w.protocol, w.port).open, all);
        }),
        RUNS,
      );
    });
  });

  describe("routes (subnet tiers, NAT and internet gateways)", () => {
    const where = fc.constantFrom<Actor["where"]>("public", "private", "isolated", "internet", "outside-vpc");
    const actor = (label: string) => where.map((w): Actor => ({ label, ip: "10.0.0.1", groups: [], where: w }));
    const vpc = fc.record({ nat: fc.boolean(), internetGateway: fc.boolean() });
    const inVpc = (a: Actor) => a.where === "public" || a.where === "private" || a.where === "isolated";
    const model = (v: { nat: boolean; internetGateway: boolean }) =>
      emptyModel({ vpc: { cidrs: { public: [], private: [], isolated: [] }, tierOf: new Map(), ...v } });

    it("inside the VPC is always routed; isolated subnets never reach the internet nor the internet them; a function outside the VPC reaches nothing", () => {
      fc.assert(
        fc.property(actor("a"), actor("b"), vpc, (a, b, v) => {
          const open = routeAllows(model(v), a, b).open;
          if (a.where === "outside-vpc") assert.equal(open, false);
          else if (inVpc(a) && inVpc(b)) assert.equal(open, true);
          if (a.where === "isolated" && b.where === "internet") assert.equal(open, false);
          if (a.where === "internet" && inVpc(b)) assert.equal(open, b.where === "public" && v.internetGateway);
          if (a.where === "private" && b.where === "internet") assert.equal(open, v.nat);
          if (a.where === "public" && b.where === "internet") assert.equal(open, v.internetGateway);
        }),
        RUNS,
      );
    });

    it("adding a NAT or an internet gateway never closes a route", () => {
      fc.assert(
        fc.property(actor("a"), actor("b"), vpc, (a, b, v) => {
          if (!routeAllows(model(v), a, b).open) return;
          for (const more of [
            { ...v, nat: true },
            { ...v, internetGateway: true },
          ])
            assert.equal(routeAllows(model(more), a, b).open, true);
        }),
        RUNS,
      );
    });
  });

  describe("IAM identity policies", () => {
    const ACTIONS = ["s3:GetObject", "s3:PutObject", "kms:Decrypt"];
    const RESOURCES = ["arn:aws:s3:::data/a", "arn:aws:s3:::data/b", "arn:aws:kms:eu-central-1:1:key/k"];
    const statement = fc.record({
      Effect: fc.constantFrom("Allow", "Deny"),
      Action: fc.subarray([...ACTIONS, "s3:*", "*"], { minLength: 1, maxLength: 2 }),
      Resource: fc.subarray([...RESOURCES, "arn:aws:s3:::data/*", "*"], { minLength: 1, maxLength: 2 }),
    });
    const documents = fc
      .array(fc.array(statement, { maxLength: 3 }), { maxLength: 3 })
      .map((ds) => ds.map((s, i) => ({ name: `policy-${i}`, document: { Version: "2012-10-17", Statement: s } })));
    const request = fc.record({ action: fc.constantFrom(...ACTIONS), resource: fc.constantFrom(...RESOURCES) });
    const glob = (p: string, v: string, ci: boolean) =>
      p === "*" ||
      (p.endsWith("*")
        ? (ci ? v.toLowerCase() : v).startsWith(ci ? p.slice(0, -1).toLowerCase() : p.slice(0, -1))
        : ci
          ? p.toLowerCase() === v.toLowerCase()
          : p === v);
    const hits = (s: { Action: string[]; Resource: string[] }, a: string, r: string) =>
      s.Action.some((p) => glob(p, a, true)) && s.Resource.some((p) => glob(p, r, false));

    it("allowed exactly when some Allow matches and no Deny does (an explicit Deny wins)", () => {
      fc.assert(
        fc.property(documents, request, (docs, q) => {
          const all = docs.flatMap((d) => d.document.Statement);
          const expected =
            all.some((s) => s.Effect === "Allow" && hits(s, q.action, q.resource)) &&
            !all.some((s) => s.Effect === "Deny" && hits(s, q.action, q.resource));
          assert.equal(iamAllows(docs, q.action, q.resource).open, expected);
        }),
        RUNS,
      );
    });

    it("adding a Deny never allows anything; adding an Allow never denies anything", () => {
      fc.assert(
        fc.property(documents, statement, request, (docs, extra, q) => {
          const before = iamAllows(docs, q.action, q.resource).open;
          const after = iamAllows([...docs, { name: "extra", document: { Statement: [extra] } }], q.action, q.resource).open;
          if (extra.Effect === "Deny") assert.ok(!after || before);
          else assert.ok(after || !before);
        }),
        RUNS,
      );
    });
  });

  describe("database login (IAM tokens, directly or through RDS Proxy)", () => {
    const setup = fc.record({
      userExists: fc.boolean(),
      rdsIam: fc.boolean(),
      instanceIamAuth: fc.boolean(),
      proxy: fc.option(
        fc.record({
          endToEnd: fc.boolean(),
          authEntry: fc.boolean(),
          requireTls: fc.boolean(),
          target: fc.boolean(),
          roleMayConnect: fc.boolean(),
        }),
        { nil: undefined },
      ),
    });
    type Setup = typeof setup extends fc.Arbitrary<infer T> ? T : never;
    const db = {
      name: "primary",
      groups: [],
      inputs: {} as Record<string, unknown>,
      arn: "arn:aws:rds:eu-central-1:111122223333:db:app",
      resourceId: "db-ABC",
    };

    function world(s: Setup) {
      const instance = { ...db, inputs: { identifier: "app", iamDatabaseAuthenticationEnabled: s.instanceIamAuth } };
      const proxy = s.proxy && {
        name: "proxy",
        groups: [],
        subnets: [],
        arn: "arn:aws:rds:eu-central-1:111122223333:db-proxy:p",
        roleArn: "arn:aws:iam::111122223333:role/proxy",
        inputs: {
          defaultAuthScheme: s.proxy.endToEnd ? "IAM_AUTH" : "NONE",
          requireTls: s.proxy.requireTls,
          auths: s.proxy.authEntry
            ? [{ username: "api", secretArn: "arn:aws:secretsmanager:eu-central-1:111122223333:secret:api" }]
            : [],
        },
      };
      const connect = `arn:aws:rds-db:eu-central-1:111122223333:dbuser:${db.resourceId}/api`;
      const model = emptyModel({
        databaseUsers: new Map(
          s.userExists ? [["api", { iam: s.rdsIam, invocation: "CREATE ROLE api; GRANT rds_iam TO api" }]] : [],
        ),
        proxyTargets: s.proxy?.target ? [{ proxyName: "proxy", instance: "app" }] : [],
        roles: new Map([
          [
            "arn:aws:iam::111122223333:role/proxy",
            {
              name: "proxy",
              arn: "arn:aws:iam::111122223333:role/proxy",
              trust: {},
              policies: s.proxy?.roleMayConnect
                ? [
                    {
                      name: "connect",
                      document: { Statement: [{ Effect: "Allow", Action: "rds-db:connect", Resource: connect }] },
                    },
                  ]
                : [],
            },
          ],
        ]),
      });
      return databaseLogin(model, "eu-central-1", "api", instance, proxy);
    }

    /** The model: every link of the chain, written as one formula. */
    const expected = (s: Setup) =>
      s.userExists &&
      s.rdsIam &&
      (s.proxy === undefined
        ? s.instanceIamAuth
        : (s.proxy.endToEnd || s.proxy.authEntry) &&
          s.proxy.requireTls &&
          s.proxy.target &&
          (!s.proxy.endToEnd || (s.proxy.roleMayConnect && s.instanceIamAuth)));

    it("logs in exactly when every link holds", () => {
      fc.assert(
        fc.property(setup, (s) => {
          const v = world(s);
          assert.equal(v.open, expected(s), v.detail);
        }),
        RUNS,
      );
    });

    it("taking away any one link never opens a login", () => {
      const weaken = (s: Setup): Setup[] => [
        { ...s, userExists: false },
        { ...s, rdsIam: false },
        { ...s, instanceIamAuth: false },
        ...(s.proxy
          ? (["authEntry", "requireTls", "target", "roleMayConnect"] as const).map((k) => ({
              ...s,
              proxy: { ...s.proxy!, [k]: false },
            }))
          : []),
      ];
      fc.assert(
        fc.property(setup, (s) => {
          if (world(s).open) return;
          for (const w of weaken(s)) assert.equal(world(w).open, false);
        }),
        RUNS,
      );
    });
  });
});
