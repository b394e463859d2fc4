import { strict as assert } from "node:assert";
import { ConfigError, loadConfig } from "../../infra/config";
import { readFlows } from "../../infra/flows";
import { Problems } from "../../infra/schema";
import { profiles } from "../../stacks";
import { FlowTable } from "../../stacks/flows";
import { readStackConfig } from "../../tools/harness";
import { STACKS } from "../support/stacks";

const P = "b2b-commerce";
const FACTS = { servicePorts: { storefront: 8080, api: 8080 }, cache: true, loadBalancerTargets: ["storefront", "api"] };

const flowTables = { dev: profiles.dev.flows.table, staging: profiles.staging.flows.table, prod: profiles.prod.flows.table };

/** The problems of reading `table` in `stack` (with its committed external destinations, or `externals`). */
function problems(stack: string, table: FlowTable, externals?: Record<string, unknown>, cache = true): string[] {
  const committed = JSON.parse(readStackConfig(stack)[`${P}:flows`]).externalDestinations;
  const p = new Problems(P);
  readFlows(p.fail, "prod", { ...FACTS, cache }, table, externals ?? committed);
  return p.list;
}

/** The prod table with one workload's flows changed. */
function withFlows(workload: string, change: (t: FlowTable[string]) => FlowTable[string]): FlowTable {
  const t = structuredClone(flowTables.prod);
  t[workload] = change(t[workload]);
  return t;
}

describe("flow table validation (infra/flows.ts)", () => {
  for (const stack of STACKS) {
    it(`accepts the committed table of ${stack} and resolves its destinations and service ports`, () => {
      const config = loadConfig(P, stack, readStackConfig(stack));
      assert.deepEqual(config.flows.workloads, ["storefront", "api", "workers"]);
      assert.deepEqual(config.flows.servicePorts, { storefront: 8080, api: 8080 });
      assert.deepEqual(Object.keys(config.flows.externalDestinations).sort(), ["erp", "payments"]);
    });
  }

  const BAD: {
    title: string;
    table: FlowTable;
    externals?: Record<string, unknown>;
    /** Whether the stack has a cache (default: yes). */
    cache?: boolean;
    key: string;
    value: string;
    allowed: RegExp;
  }[] = [
    {
      title: "a flow to an unknown workload",
      table: withFlows("storefront", (w) => ({ ...w, egress: [...w.egress, { kind: "workload", workload: "billing" }] })),
      key: "stacks/prod.ts:flows.table.storefront.egress[5].workload",
      value: '"billing"',
      allowed: /another workload with a service port: "api"$/,
    },
    {
      title: "a flow to a workload without a service port",
      table: withFlows("api", (w) => ({ ...w, egress: [...w.egress, { kind: "workload", workload: "workers" }] })),
      key: "stacks/prod.ts:flows.table.api.egress[7].workload",
      value: '"workers"',
      allowed: /"storefront"/,
    },
    {
      title: "an unknown AWS API",
      table: withFlows("api", (w) => ({ ...w, egress: [...w.egress, { kind: "aws", service: "dynamodb" as never }] })),
      key: "stacks/prod.ts:flows.table.api.egress[7].service",
      value: '"dynamodb"',
      allowed: /"sts", "secretsmanager", "s3", "sqs", "kms", "logs", "xray"/,
    },
    {
      title: "an unknown external destination",
      table: withFlows("workers", (w) => ({ ...w, egress: [...w.egress, { kind: "external", destination: "crm" }] })),
      key: "stacks/prod.ts:flows.table.workers.egress[6].destination",
      value: '"crm"',
      allowed: /flows\.externalDestinations: "payments", "erp"/,
    },
    {
      title: "a cache flow in a stack without a cache",
      table: flowTables.prod,
      cache: false,
      key: "stacks/prod.ts:flows.table.api.egress[5]",
      value: '{"kind":"cache"}',
      allowed: /this stack has none/,
    },
    {
      title: "an unknown flow kind",
      table: withFlows("api", (w) => ({ ...w, egress: [...w.egress, { kind: "ssh" } as never] })),
      key: "stacks/prod.ts:flows.table.api.egress[7].kind",
      value: '"ssh"',
      allowed: /"dns", "otel", "workload", "database", "cache", "aws", "external"/,
    },
    {
      title: "IAM needs without the STS flow",
      table: withFlows("api", (w) => ({ ...w, egress: w.egress.filter((f) => !(f.kind === "aws" && f.service === "sts")) })),
      key: "stacks/prod.ts:flows.table.api.egress",
      value: '["aws","database","cache"]',
      allowed: /IRSA gets the workload's credentials from STS/,
    },
    {
      title: "a cache flow without the STS flow (the IAM token is signed with IRSA credentials)",
      table: withFlows("storefront", (w) => ({
        ...w,
        egress: w.egress.filter((f) => !(f.kind === "aws" && f.service === "sts")),
      })),
      key: "stacks/prod.ts:flows.table.storefront.egress",
      value: '["cache"]',
      allowed: /IRSA gets the workload's credentials from STS/,
    },
    {
      title: "no DNS flow",
      table: withFlows("storefront", (w) => ({ ...w, egress: w.egress.filter((f) => f.kind !== "dns") })),
      key: "stacks/prod.ts:flows.table.storefront.egress",
      value: '"(no dns flow)"',
      allowed: /"kind": "dns"/,
    },
    {
      title: "load-balancer ingress on a workload the ALB does not forward to",
      table: withFlows("workers", (w) => ({ ...w, ingress: [...w.ingress, { kind: "load-balancer" }] })),
      key: "stacks/prod.ts:flows.table.workers.ingress[1]",
      value: '{"kind":"load-balancer"}',
      allowed: /only on the ALB's targets: "storefront", "api"/,
    },
    {
      title: "a reserved workload name",
      table: { ...flowTables.prod, monitoring: { egress: [{ kind: "dns" }], ingress: [] } },
      key: "stacks/prod.ts:flows.table.monitoring",
      value: '"monitoring"',
      allowed: /not one of .*"monitoring"/,
    },
    {
      title: "a private CIDR as an external destination",
      table: flowTables.prod,
      externals: {
        payments: { host: "api.payments.example.com", cidrs: ["10.1.0.0/16"], port: 443 },
        erp: { host: "erp.example.com", cidrs: ["203.0.113.128/25"], port: 443 },
      },
      key: "flows.externalDestinations.payments.cidrs",
      value: '["10.1.0.0/16"]',
      allowed: /public IPv4 CIDRs/,
    },
  ];
  for (const c of BAD) {
    it(`rejects ${c.title}, naming the key, the value and what is allowed`, () => {
      const ps = problems("prod", c.table, c.externals, c.cache ?? true);
      const p = ps.find((x) => x.includes(`"${c.key.includes(":") ? c.key : `${P}:${c.key}`}"`));
      assert.ok(p, `no problem names ${c.key}: ${ps.join(" | ")}`);
      assert.ok(p.includes(` is ${c.value};`), p);
      assert.match(p, c.allowed);
    });
  }

  it("fails the whole stack config before any resource exists, naming the stack", () => {
    const raw: Record<string, string | undefined> = readStackConfig("staging");
    raw[`${P}:flows`] = JSON.stringify({
      externalDestinations: { payments: { host: "api.payments.example.com", cidrs: ["203.0.113.0/25"], port: 443 } },
    });
    assert.throws(
      () => loadConfig(P, "staging", raw),
      (e: unknown) =>
        e instanceof ConfigError &&
        /stack "staging"/.test(e.message) &&
        /stacks\/staging\.ts:flows\.table\.workers\.egress\[5\]\.destination" is "erp"/.test(e.message),
    );
  });
});
