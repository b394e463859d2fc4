/**
 * The layer evaluators of the reachability check: Kubernetes NetworkPolicy semantics, security
 * groups (stateful, both ends), IAM policy evaluation. Each answers open or closed and names the
 * rule that decides.
 */
import { parseCidr } from "../../lib/cidr";
import type { Model, NetworkPolicyDoc, SecurityGroup, SgRule, Tier } from "./model";

type Json = Record<string, unknown>;
export type Protocol = "TCP" | "UDP";

/** A party of a flow: a pod, an ENI of the VPC (proxy, database, endpoint, ALB, function) or an address outside. */
export interface Actor {
  label: string;
  ip: string;
  groups: string[];
  /** Subnet tier inside the VPC; `internet` outside; `outside-vpc` for a function without VPC config. */
  where: Tier | "internet" | "outside-vpc";
  pod?: { namespace: string; labels: Record<string, string> };
}

export interface Verdict {
  open: boolean;
  detail: string;
}

function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0);
}
export function inCidr(ip: string, cidr: string): boolean {
  const c = parseCidr(cidr);
  if (!c) return false;
  const size = 2 ** (32 - c.prefix);
  const n = ipToInt(ip);
  return n >= c.base && n < c.base + size;
}
/** The address `offset` hosts into a CIDR (e.g. the tenth address of a subnet). */
export function hostIn(cidr: string, offset: number): string {
  const c = parseCidr(cidr)!;
  const n = (c.base + offset) >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

// ---- Kubernetes NetworkPolicy (networking.k8s.io/v1) ----

function selects(selector: Json | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  const match = (selector.matchLabels as Record<string, string>) ?? {};
  if (!Object.entries(match).every(([k, v]) => labels[k] === v)) return false;
  for (const e of (selector.matchExpressions as Json[]) ?? []) {
    const key = String(e.key);
    const values = (e.values as string[]) ?? [];
    const has = key in labels;
    if (e.operator === "In" && !(has && values.includes(labels[key]))) return false;
    if (e.operator === "NotIn" && has && values.includes(labels[key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

function policyTypes(p: NetworkPolicyDoc): string[] {
  const declared = p.spec.policyTypes as string[] | undefined;
  if (declared) return declared;
  // Kubernetes default: Ingress always, Egress when the policy has egress rules.
  return ["Ingress", ...(p.spec.egress ? ["Egress"] : [])];
}

function peerMatches(peer: Json, policyNs: string, other: Actor, model: Model): boolean {
  const block = peer.ipBlock as Json | undefined;
  if (block) {
    // The VPC CNI's policy agent matches address blocks on any address, pods included.
    return inCidr(other.ip, String(block.cidr)) && !((block.except as string[]) ?? []).some((e) => inCidr(other.ip, e));
  }
  if (!other.pod) return false;
  const nsSel = peer.namespaceSelector as Json | undefined;
  const podSel = peer.podSelector as Json | undefined;
  if (nsSel) {
    if (!selects(nsSel, model.namespaces.get(other.pod.namespace) ?? { "kubernetes.io/metadata.name": other.pod.namespace }))
      return false;
  } else if (other.pod.namespace !== policyNs) return false;
  return selects(podSel, other.pod.labels);
}

function portMatches(ports: Json[] | undefined, protocol: Protocol, port: number): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if (String(p.protocol ?? "TCP") !== protocol) return false;
    if (p.port === undefined) return true;
    const from = Number(p.port);
    const to = p.endPort !== undefined ? Number(p.endPort) : from;
    return port >= from && port <= to;
  });
}

/** Whether the pod's policies let it send to (`Egress`) or receive from (`Ingress`) the other party. */
export function networkPolicyAllows(
  model: Model,
  direction: "Egress" | "Ingress",
  pod: Actor,
  other: Actor,
  protocol: Protocol,
  port: number,
): Verdict {
  const ns = pod.pod!.namespace;
  const selecting = model.policies.filter(
    (p) => p.namespace === ns && selects(p.spec.podSelector as Json, pod.pod!.labels) && policyTypes(p).includes(direction),
  );
  if (selecting.length === 0) return { open: true, detail: `no ${direction.toLowerCase()} policy selects ${pod.label}` };
  const key = direction === "Egress" ? "egress" : "ingress";
  const peersKey = direction === "Egress" ? "to" : "from";
  for (const p of selecting) {
    for (const r of (p.spec[key] as Json[]) ?? []) {
      const peers = r[peersKey] as Json[] | undefined;
      const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, ns, other, model));
      if (peerOk && portMatches(r.ports as Json[] | undefined, protocol, port)) return { open: true, detail: `${ns}/${p.name}` };
    }
  }
  return {
    open: false,
    detail: `${direction.toLowerCase()} of ${pod.label}: none of ${selecting.map((p) => `${ns}/${p.name}`).join(", ")} admits ${other.label} ${protocol}/${port}`,
  };
}

// ---- Security groups (stateful: a flow needs the sender's egress and the receiver's ingress) ----

function ruleMatches(r: SgRule, protocol: Protocol, port: number, other: Actor): boolean {
  if (r.protocol !== "-1" && r.protocol !== protocol.toLowerCase()) return false;
  if (r.protocol !== "-1" && (port < r.from || port > r.to)) return false;
  return r.cidrs.some((c) => inCidr(other.ip, c)) || r.groups.some((g) => other.groups.includes(g));
}

function groupAllows(
  model: Model,
  groups: string[],
  dir: "ingress" | "egress",
  protocol: Protocol,
  port: number,
  other: Actor,
): Verdict {
  const known = groups.map((g) => model.groups.get(g)).filter((g): g is SecurityGroup => g !== undefined);
  for (const g of known) {
    const r = g[dir].find((x) => ruleMatches(x, protocol, port, other));
    if (r) return { open: true, detail: `${g.name}: ${r.source}` };
  }
  const names = groups.map((g) => model.groups.get(g)?.name ?? g).join(", ") || "(no group)";
  return { open: false, detail: `${dir} of ${names}: no rule admits ${other.label} ${protocol.toLowerCase()}/${port}` };
}

export function securityGroupsAllow(
  model: Model,
  from: Actor,
  to: Actor,
  protocol: Protocol,
  port: number,
  ends: { egress: boolean; ingress: boolean } = { egress: true, ingress: true },
): Verdict {
  const parts: string[] = [];
  if (ends.egress && from.where !== "internet") {
    const v = groupAllows(model, from.groups, "egress", protocol, port, to);
    if (!v.open) return v;
    parts.push(v.detail);
  }
  if (ends.ingress && to.where !== "internet") {
    const v = groupAllows(model, to.groups, "ingress", protocol, port, from);
    if (!v.open) return v;
    parts.push(v.detail);
  }
  return { open: true, detail: parts.join("; ") || "no security group on either end" };
}

// ---- Routes ----

export function routeAllows(model: Model, from: Actor, to: Actor): Verdict {
  if (from.where === "outside-vpc") return { open: false, detail: `${from.label} runs outside the VPC` };
  const inVpc = (a: Actor) => a.where !== "internet" && a.where !== "outside-vpc";
  if (inVpc(from) && inVpc(to)) return { open: true, detail: "local route (inside the VPC)" };
  if (inVpc(from) && to.where === "internet") {
    if (from.where === "isolated") return { open: false, detail: "isolated subnets have no route to the internet" };
    if (from.where === "public") return { open: model.vpc.internetGateway, detail: "public subnets: internet gateway" };
    return model.vpc.nat
      ? { open: true, detail: "private subnets: 0.0.0.0/0 via the NAT gateway" }
      : { open: false, detail: "private subnets have no NAT gateway" };
  }
  if (from.where === "internet" && inVpc(to)) {
    return to.where === "public" && model.vpc.internetGateway
      ? { open: true, detail: "public subnets: internet gateway" }
      : { open: false, detail: `${to.where} subnets are not reachable from the internet` };
  }
  return { open: true, detail: "outside the VPC" };
}

// ---- IAM ----

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    ignoreCase ? "i" : "",
  );
  return re.test(value);
}

function conditionsHold(condition: Json | undefined, context: Record<string, string>): boolean {
  if (!condition) return true;
  for (const [op, entries] of Object.entries(condition)) {
    for (const [key, expected] of Object.entries(entries as Json)) {
      const actual = context[key];
      const values = (Array.isArray(expected) ? expected : [expected]).map(String);
      if (actual === undefined) return false;
      const like = /StringLike$/.test(op);
      if (!/^(ForAnyValue:|ForAllValues:)?String(Equals|Like)$/.test(op)) return false;
      if (!values.some((v) => (like ? wildcard(v, actual, false) : v === actual))) return false;
    }
  }
  return true;
}

/** Evaluates identity policies: an explicit Deny wins, else an Allow whose action, resource and conditions match. */
export function iamAllows(
  documents: { name: string; document: Json }[],
  action: string,
  resource: string,
  context: Record<string, string> = {},
): Verdict {
  let allow: string | undefined;
  for (const { name, document } of documents) {
    for (const s of (document.Statement as Json[]) ?? []) {
      const actions = [s.Action ?? []].flat().map(String);
      const resources = [s.Resource ?? []].flat().map(String);
      const hit =
        actions.some((a) => wildcard(a, action, true)) &&
        resources.some((r) => wildcard(r, resource, false)) &&
        conditionsHold(s.Condition as Json | undefined, context);
      if (!hit) continue;
      if (s.Effect === "Deny") return { open: false, detail: `${name}: ${s.Sid ?? "a statement"} denies ${action}` };
      allow ??= `${name}: ${s.Sid ?? "a statement"}`;
    }
  }
  return allow
    ? { open: true, detail: `${allow} allows ${action} on ${resource}` }
    : {
        open: false,
        detail: `no statement of ${documents.map((d) => d.name).join(", ") || "(no policy)"} allows ${action} on ${resource}`,
      };
}
