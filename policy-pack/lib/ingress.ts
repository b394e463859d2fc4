/** Ingress rules of the three ways a program can write them, normalised. */
import { isUnknown } from "./props";
import { T } from "./types";

export interface IngressRule {
  /** Where the rule was found, for messages. */
  where: string;
  protocol: string;
  fromPort: number;
  toPort: number;
  cidrs: string[];
  /** Some value (CIDRs, ports) is unknown at preview. */
  unknown: boolean;
}

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

function strings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function rule(where: string, protocol: unknown, from: unknown, to: unknown, cidrs: unknown[]): IngressRule {
  const unknown = [protocol, from, to, ...cidrs].some(isUnknown) || cidrs.some((c) => Array.isArray(c) && c.some(isUnknown));
  return {
    where,
    protocol: String(protocol ?? "-1").toLowerCase(),
    fromPort: Number(from ?? 0),
    toPort: Number(to ?? 65535),
    cidrs: cidrs.flatMap(strings),
    unknown,
  };
}

/** The ingress rules a resource declares (inline group rules, standalone rules). */
export function ingressRules(type: string, props: Record<string, unknown>): IngressRule[] | "unknown" {
  if (type === T.securityGroup || type === T.defaultSecurityGroup) {
    const ingress = props.ingress;
    if (isUnknown(ingress)) return "unknown";
    return ((ingress ?? []) as Record<string, unknown>[]).map((g, i) =>
      rule(`ingress[${i}]`, g.protocol, g.fromPort, g.toPort, [g.cidrBlocks, g.ipv6CidrBlocks]),
    );
  }
  if (type === T.sgIngressRule) {
    return [rule("rule", props.ipProtocol, props.fromPort, props.toPort, [props.cidrIpv4, props.cidrIpv6])];
  }
  if (type === T.sgRule) {
    if (props.type !== "ingress") return [];
    return [rule("rule", props.protocol, props.fromPort, props.toPort, [props.cidrBlocks, props.ipv6CidrBlocks])];
  }
  return [];
}

/** True when the rule admits the whole internet. */
export function isWorld(r: IngressRule): boolean {
  return r.cidrs.some((c) => WORLD.has(c));
}

/** True when every port of the rule is one of `ports` over TCP. */
export function onlyPorts(r: IngressRule, ports: number[]): boolean {
  if (r.protocol !== "tcp" && r.protocol !== "6") return false;
  if (r.fromPort !== r.toPort) return false;
  return ports.includes(r.fromPort);
}

export const INGRESS_TYPES = [T.securityGroup, T.sgIngressRule, T.sgRule];
