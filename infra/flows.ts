/**
 * Validates the stack's flow table (the profile's `flows.table`, stacks/flows.ts) and the named
 * external destinations (config `flows.externalDestinations`) once, before any resource exists.
 * Every problem names the stack, the key, the bad value and what is allowed, like any config key.
 * Called by the `flows` config section (infra/sections/flows.ts).
 */
import { parseCidr } from "../lib/cidr";
import { AWS_APIS, EgressFlow, FlowTable, IngressFlow } from "../stacks/flows";
import type { EnvironmentName, Fail } from "./schema";

/** A destination outside AWS, reached through the NAT gateways. */
export interface ExternalDestination {
  /** The host the workload connects to (documentation; NetworkPolicies and SGs match addresses). */
  host: string;
  /** The provider's published address ranges (IPv4 CIDRs, public). */
  cidrs: string[];
  /** TCP port, e.g. 443. */
  port: number;
}

/** The validated flows of a stack: what components' arguments and the reachability check come from. */
export interface FlowsConfig {
  /** The environment's table (stacks/flows.ts), validated. */
  table: FlowTable;
  /** Workload names, in table order (also the application namespaces). */
  workloads: string[];
  /** Service port of each workload that serves one (`edge.servicePorts`). */
  servicePorts: Record<string, number>;
  /** Named external destinations (config `flows.externalDestinations`). */
  externalDestinations: Record<string, ExternalDestination>;
  /** Workloads with a database flow: each is a database user of the same name. */
  databaseUsers: string[];
  /** Workloads with a cache flow: each is an IAM-authenticated cache user of its own. */
  cacheUsers: string[];
}

/** Facts of the stack the table is checked against. */
export interface FlowFacts {
  /** Service port per workload that serves traffic (the ALB's targets and other workloads' callers). */
  servicePorts: Record<string, number>;
  /** Whether the stack has a cache (a `cache` flow needs one). */
  cache: boolean;
  /** Workloads the ALB forwards to: each needs a `load-balancer` ingress, and only they may have one. */
  loadBalancerTargets: readonly string[];
}

const NAME = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;
const HOST = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EGRESS_KINDS = ["dns", "otel", "workload", "database", "cache", "aws", "external"] as const;
const INGRESS_KINDS = ["load-balancer", "prometheus"] as const;
/** Namespaces the platform owns: a workload may not take their names. */
const RESERVED = ["default", "kube-system", "kube-public", "kube-node-lease", "monitoring", "external-secrets"];
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8"];

/** Whether a flow needs AWS credentials (IRSA), hence the STS flow that issues them (the cache's IAM token is signed with them too). */
export function needsCredentials(flow: EgressFlow): boolean {
  return flow.kind === "database" || flow.kind === "cache" || (flow.kind === "aws" && flow.service !== "sts");
}

const isPort = (p: unknown, min = 1): p is number => typeof p === "number" && Number.isInteger(p) && p >= min && p <= 65535;

/** Reads `flows.externalDestinations`: `{ name: { host, cidrs, port } }`, every CIDR public. */
export function readExternalDestinations(fail: Fail, o: Record<string, unknown>): Record<string, ExternalDestination> {
  const key = "flows.externalDestinations";
  const out: Record<string, ExternalDestination> = {};
  for (const [name, raw] of Object.entries(o)) {
    const k = `${key}.${name}`;
    const d = raw as Record<string, unknown>;
    if (!NAME.test(name) || !d || typeof d !== "object" || Array.isArray(d)) {
      fail(k, raw, `a lower-case name mapping to {"host": "api.example.com", "cidrs": ["203.0.113.0/24"], "port": 443}`);
      continue;
    }
    for (const f of Object.keys(d))
      if (!["host", "cidrs", "port"].includes(f)) fail(`${k}.${f}`, d[f], "no such field; known fields: host, cidrs, port");
    const host = typeof d.host === "string" && HOST.test(d.host) ? d.host : undefined;
    if (!host) fail(`${k}.host`, d.host, "a lower-case DNS host name such as api.payments.example.com");
    const cidrs = Array.isArray(d.cidrs) ? d.cidrs : [];
    const parsed = cidrs.map((c) => (typeof c === "string" ? parseCidr(c) : undefined));
    const isPrivate = (c: string) => PRIVATE_RANGES.some((r) => overlapsText(r, c));
    if (cidrs.length === 0 || parsed.some((c) => !c || c.prefix < 8) || cidrs.some((c) => isPrivate(String(c)))) {
      fail(`${k}.cidrs`, d.cidrs, "a non-empty list of public IPv4 CIDRs of at most /8 each (the provider's published ranges)");
    }
    if (!isPort(d.port)) fail(`${k}.port`, d.port, "an integer from 1 to 65535");
    if (host && cidrs.length > 0 && isPort(d.port)) out[name] = { host, cidrs: cidrs as string[], port: d.port };
  }
  return out;
}

function overlapsText(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  const size = (p: number) => 2 ** (32 - p);
  return x.base < y.base + size(y.prefix) && y.base < x.base + size(x.prefix);
}

/**
 * Validates the environment's table: workload names, kinds, targets (another workload with a
 * service port, a known AWS API, a configured destination, a cache that exists), the STS flow
 * wherever credentials are needed, no duplicates, and load-balancer ingress exactly on the ALB's targets.
 */
export function readFlows(
  fail: Fail,
  environment: EnvironmentName,
  facts: FlowFacts,
  table: FlowTable,
  externals: Record<string, unknown>,
): FlowsConfig {
  const externalDestinations = readExternalDestinations(fail, externals);
  const base = `stacks/${environment}.ts:flows.table`;
  const workloads = Object.keys(table);
  const allowedTargets = (self: string) => workloads.filter((w) => w !== self && facts.servicePorts[w] !== undefined);
  const list = (xs: readonly string[]) => (xs.length ? xs.map((x) => `"${x}"`).join(", ") : "(none)");

  for (const name of workloads) {
    if (!NAME.test(name) || RESERVED.includes(name)) {
      fail(`${base}.${name}`, name, `a lower-case DNS label of at most 32 characters, not one of ${list(RESERVED)}`);
    }
  }
  for (const [name, flows] of Object.entries(table)) {
    const wk = `${base}.${name}`;
    const seen = new Set<string>();
    (flows.egress ?? []).forEach((flow: EgressFlow, i) => {
      const k = `${wk}.egress[${i}]`;
      const id = JSON.stringify(flow);
      if (seen.has(id)) fail(k, flow, "each flow once");
      seen.add(id);
      switch (flow.kind) {
        case "dns":
        case "otel":
        case "database":
          break;
        case "workload":
          if (!allowedTargets(name).includes(flow.workload)) {
            fail(`${k}.workload`, flow.workload, `another workload with a service port: ${list(allowedTargets(name))}`);
          }
          break;
        case "cache":
          if (!facts.cache) fail(k, flow, "a cache flow only in a stack that has a cache (this stack has none)");
          break;
        case "aws":
          if (!(AWS_APIS as readonly string[]).includes(flow.service))
            fail(`${k}.service`, flow.service, `one of ${list(AWS_APIS)}`);
          break;
        case "external":
          if (externalDestinations[flow.destination] === undefined) {
            fail(
              `${k}.destination`,
              flow.destination,
              `a destination of config key flows.externalDestinations: ${list(Object.keys(externalDestinations))}`,
            );
          }
          break;
        default:
          fail(`${k}.kind`, (flow as { kind: unknown }).kind, `one of ${list(EGRESS_KINDS)}`);
      }
    });
    const egress = flows.egress ?? [];
    if (egress.some(needsCredentials) && !egress.some((f) => f.kind === "aws" && f.service === "sts")) {
      fail(
        `${wk}.egress`,
        egress.filter(needsCredentials).map((f) => f.kind),
        `the flow {"kind": "aws", "service": "sts"} as well: IRSA gets the workload's credentials from STS`,
      );
    }
    if (!egress.some((f) => f.kind === "dns"))
      fail(`${wk}.egress`, "(no dns flow)", `a {"kind": "dns"} flow (nothing resolves without it)`);

    (flows.ingress ?? []).forEach((flow: IngressFlow, i) => {
      const k = `${wk}.ingress[${i}]`;
      if (flow.kind === "load-balancer") {
        if (!facts.loadBalancerTargets.includes(name) || facts.servicePorts[name] === undefined) {
          fail(k, flow, `load-balancer ingress only on the ALB's targets: ${list(facts.loadBalancerTargets)}`);
        }
      } else if (flow.kind === "prometheus") {
        if (!isPort(flow.port, 1024)) fail(`${k}.port`, flow.port, "an integer from 1024 to 65535");
      } else {
        fail(`${k}.kind`, (flow as { kind: unknown }).kind, `one of ${list(INGRESS_KINDS)}`);
      }
    });
  }
  for (const target of facts.loadBalancerTargets) {
    if (!table[target]?.ingress?.some((f) => f.kind === "load-balancer")) {
      fail(
        `${base}.${target}.ingress`,
        table[target]?.ingress ?? "(no such workload)",
        `a {"kind": "load-balancer"} entry: the ALB forwards to ${target}`,
      );
    }
  }
  const servicePorts = Object.fromEntries(
    workloads.filter((w) => facts.servicePorts[w] !== undefined).map((w) => [w, facts.servicePorts[w]]),
  );
  const databaseUsers = workloads.filter((w) => table[w].egress?.some((f) => f.kind === "database"));
  const cacheUsers = workloads.filter((w) => table[w].egress?.some((f) => f.kind === "cache"));
  return { table, workloads, servicePorts, externalDestinations, databaseUsers, cacheUsers };
}
