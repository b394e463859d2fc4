import { parseCidr } from "../../lib/cidr";
import { EdgeProfile, PriceClass } from "../../stacks";
import { Validator } from "../validation";
import { LOG_RETENTION_DAYS } from "./common";

const PRICE_CLASSES: readonly PriceClass[] = ["PriceClass_100", "PriceClass_200", "PriceClass_All"];
const HOST = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * CloudFront caps the Content-Security-Policy value of a response headers policy at 1783
 * characters (CloudFront developer guide, "Quotas on response headers policies").
 */
const CSP_MAX_LENGTH = 1783;

/** A strict default: same-origin everything, no plugins, no framing, HTTPS upgrades. */
export const DEFAULT_CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: https:; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'; upgrade-insecure-requests";

/** The Kubernetes services the ALB forwards to. */
export type EdgeService = "storefront" | "api";
export const EDGE_SERVICES: readonly EdgeService[] = ["storefront", "api"];

export interface EdgeConfig extends EdgeProfile {
  /** Public Route 53 hosted zone the records and certificate validation go to. */
  hostedZoneName: string;
  /** Storefront host (CloudFront). */
  storefrontHost: string;
  /** API host (ALB, WAF-protected). */
  apiHost: string;
  /** Host CloudFront uses to reach the ALB (alias to the ALB, on the ALB certificate). */
  originHost: string;
  /** IPv4 CIDRs the Web ACLs block outright. */
  blockedIpCidrs: string[];
  contentSecurityPolicy: string;
  /** Container port of each service's pods (the target groups' port; ALB egress is limited to these). */
  servicePorts: Record<EdgeService, number>;
}

const FIELDS = [
  "hostedZoneName",
  "storefrontHost",
  "apiHost",
  "originHost",
  "wafRateLimit",
  "blockedIpCidrs",
  "contentSecurityPolicy",
  "shieldAdvanced",
  "blockAnonymousIps",
  "accessLogExpiryDays",
  "wafLogRetentionDays",
  "priceClass",
  "servicePorts",
] as const;

/**
 * Reads the optional `edge` object over the profile's edge defaults. Hosts default from `domain`
 * (the raw value; when it is invalid, `domain` itself is reported and the defaults are not checked).
 */
export function readEdge(v: Validator, profile: EdgeProfile, domain: string | undefined): EdgeConfig {
  const o = v.object("edge");
  v.knownFields("edge", o, FIELDS);
  const base = domain !== undefined && HOST.test(domain) ? domain : undefined;
  const withDefault = (key: string, value: unknown, fallback: string | undefined, zone: string | undefined) =>
    value === undefined && base === undefined ? "" : host(v, key, value ?? fallback, zone);

  const hostedZoneName = withDefault("edge.hostedZoneName", o.hostedZoneName, base, undefined);
  const zone = hostedZoneName || undefined;
  // The storefront lives on `www.`: an apex alias works with Route 53, but `www.` keeps the apex free
  // for a redirect or mail records and lets a CNAME-only DNS provider take over later.
  const storefrontHost = withDefault("edge.storefrontHost", o.storefrontHost, `www.${base}`, zone);
  const apiHost = withDefault("edge.apiHost", o.apiHost, `api.${base}`, zone);
  const originHost = withDefault("edge.originHost", o.originHost, `origin.${base}`, zone);
  const hosts = { "edge.storefrontHost": storefrontHost, "edge.apiHost": apiHost, "edge.originHost": originHost };
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(hosts)) {
    if (value && seen.has(value)) v.fail(key, value, `a host different from ${seen.get(value)}`);
    seen.set(value, key);
  }

  // WAF accepts 10 to 2,000,000,000 requests per evaluation window (WAFv2 API, RateBasedStatement).
  const wafRateLimit = v.integer("edge.wafRateLimit", o.wafRateLimit ?? profile.wafRateLimit, 10, 2_000_000_000);
  const blockedIpCidrs = readCidrs(v, o.blockedIpCidrs);
  const contentSecurityPolicy = readCsp(v, o.contentSecurityPolicy);
  const shieldAdvanced = v.boolean("edge.shieldAdvanced", o.shieldAdvanced ?? profile.shieldAdvanced);
  const blockAnonymousIps = v.boolean("edge.blockAnonymousIps", o.blockAnonymousIps ?? profile.blockAnonymousIps);
  const accessLogExpiryDays = v.integer(
    "edge.accessLogExpiryDays",
    o.accessLogExpiryDays ?? profile.accessLogExpiryDays,
    1,
    3650,
  );
  const wafLogRetentionDays = v.memberOf(
    "edge.wafLogRetentionDays",
    o.wafLogRetentionDays ?? profile.wafLogRetentionDays,
    LOG_RETENTION_DAYS,
  );
  const priceClass = v.oneOf("edge.priceClass", o.priceClass ?? profile.priceClass, PRICE_CLASSES);
  const servicePorts = readPorts(v, o.servicePorts);
  return {
    hostedZoneName,
    storefrontHost,
    apiHost,
    originHost,
    wafRateLimit,
    blockedIpCidrs,
    contentSecurityPolicy,
    shieldAdvanced,
    blockAnonymousIps,
    accessLogExpiryDays,
    wafLogRetentionDays,
    priceClass,
    servicePorts,
  };
}

function host(v: Validator, key: string, value: unknown, zone: string | undefined): string {
  if (typeof value !== "string" || !HOST.test(value)) {
    v.fail(key, value, "a lower-case DNS name such as api.shop.example.com");
    return "";
  }
  if (zone && value !== zone && !value.endsWith(`.${zone}`)) {
    v.fail(key, value, `a name inside the hosted zone ${zone}`);
    return "";
  }
  return value;
}

function readCidrs(v: Validator, value: unknown): string[] {
  const key = "edge.blockedIpCidrs";
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    v.fail(key, value, "a list of IPv4 CIDRs such as 203.0.113.0/24");
    return [];
  }
  const out: string[] = [];
  value.forEach((text: unknown, i) => {
    const cidr = typeof text === "string" ? parseCidr(text) : undefined;
    // WAF IP sets take /1 to /32 (a /0 would block everyone).
    if (!cidr || cidr.prefix < 1) v.fail(`${key}[${i}]`, text, "an IPv4 network CIDR from /1 to /32 (no host bits set)");
    else out.push(text as string);
  });
  return out;
}

function readCsp(v: Validator, value: unknown): string {
  if (value === undefined) return DEFAULT_CONTENT_SECURITY_POLICY;
  if (typeof value !== "string" || value.trim() === "" || /[\r\n]/.test(value) || value.length > CSP_MAX_LENGTH) {
    v.fail("edge.contentSecurityPolicy", value, `a one-line Content-Security-Policy value of 1 to ${CSP_MAX_LENGTH} characters`);
    return DEFAULT_CONTENT_SECURITY_POLICY;
  }
  return value;
}

function readPorts(v: Validator, value: unknown): Record<EdgeService, number> {
  const defaults: Record<EdgeService, number> = { storefront: 8080, api: 8080 };
  if (value === undefined) return defaults;
  const key = "edge.servicePorts";
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    v.fail(key, value, `an object with ${EDGE_SERVICES.map((s) => `"${s}"`).join(" and ")} port numbers`);
    return defaults;
  }
  const ports = value as Record<string, unknown>;
  v.knownFields(key, ports, EDGE_SERVICES);
  const out = { ...defaults };
  for (const s of EDGE_SERVICES) {
    if (ports[s] !== undefined) out[s] = v.integer(`${key}.${s}`, ports[s], 1, 65535);
  }
  return out;
}
