import { parseCidr } from "../../lib/cidr";
import { bool, Fail, int, logRetentionDays, oneOf, section, SettingsOf, z } from "../schema";

const HOST = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * CloudFront caps the Content-Security-Policy value of a response headers policy at 1783
 * characters (CloudFront developer guide, "Quotas on response headers policies").
 */
const CSP_MAX_LENGTH = 1783;
const CSP_ALLOWED = `a one-line Content-Security-Policy value of 1 to ${CSP_MAX_LENGTH} characters`;

/** A strict default: same-origin everything, no plugins, no framing, HTTPS upgrades. */
export const DEFAULT_CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: https:; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'; upgrade-insecure-requests";

/** The Kubernetes services the ALB forwards to. */
export type EdgeService = "storefront" | "api";
export const EDGE_SERVICES: readonly EdgeService[] = ["storefront", "api"];

const HOST_ALLOWED = "a lower-case DNS name such as api.shop.example.com";
const host = () => z.string({ error: HOST_ALLOWED }).regex(HOST, { error: HOST_ALLOWED }).optional();
const port = () => int(1, 65535).default(8080);
const BLOCKED_CIDR_ALLOWED = "an IPv4 network CIDR from /1 to /32 (no host bits set)";

export const edge = section({
  key: "edge",
  fields: {
    /** Public Route 53 hosted zone the records and certificate validation go to; default: `domain`. */
    hostedZoneName: host(),
    /** Storefront host (CloudFront); default `www.<domain>`. */
    storefrontHost: host(),
    /** API host (ALB, WAF-protected); default `api.<domain>`. */
    apiHost: host(),
    /** Host CloudFront uses to reach the ALB (alias to the ALB, on the ALB certificate); default `origin.<domain>`. */
    originHost: host(),
    /** WAF rate-based rule: requests per 5 minutes per client IP (WAFv2 API, RateBasedStatement: 10 to 2e9). */
    wafRateLimit: int(10, 2_000_000_000),
    /**
     * Largest request body the API accepts through the WAF, in KiB (its declared Content-Length):
     * B2B orders and bulk calls exceed the managed rules' 8 KB. Other requests keep 8 KB.
     */
    apiMaxRequestBodyKiB: int(8, 100 * 1024),
    /**
     * Days between rotations of the CloudFront-to-ALB origin secret (components/edge/origin-secret.ts);
     * a rotation happens at the first `pulumi up` of each period.
     */
    originSecretRotationDays: int(1, 365),
    /** IPv4 CIDRs the Web ACLs block outright (WAF IP sets take /1 to /32; a /0 would block everyone). */
    blockedIpCidrs: z
      .array(
        z
          .string({ error: BLOCKED_CIDR_ALLOWED })
          .refine((t) => (parseCidr(t)?.prefix ?? 0) >= 1, { error: BLOCKED_CIDR_ALLOWED }),
        { error: "a list of IPv4 CIDRs such as 203.0.113.0/24" },
      )
      .default([]),
    /** The Content-Security-Policy header CloudFront adds to every response. */
    contentSecurityPolicy: z
      .string({ error: CSP_ALLOWED })
      .refine((t) => t.trim() !== "" && !/[\r\n]/.test(t) && t.length <= CSP_MAX_LENGTH, { error: CSP_ALLOWED })
      .default(DEFAULT_CONTENT_SECURITY_POLICY),
    /** AWS Shield Advanced protections for the ALB and the distribution (3,000 USD/month per organization). */
    shieldAdvanced: bool(),
    /** Add the AWS managed anonymous-IP rule group (VPNs, Tor, hosting providers) to the Web ACLs. */
    blockAnonymousIps: bool(),
    /** Days before ALB and CloudFront access-log objects expire. */
    accessLogExpiryDays: int(1, 3650),
    /** Retention of the WAF log groups, in days (a CloudWatch-allowed value). */
    wafLogRetentionDays: logRetentionDays(),
    /** CloudFront price class: which edge locations serve the distribution (CloudFront pricing page). */
    priceClass: oneOf(["PriceClass_100", "PriceClass_200", "PriceClass_All"]),
    /** Container port of each service's pods (the target groups' port; ALB egress is limited to these). */
    servicePorts: z
      .strictObject(
        { storefront: port(), api: port() },
        { error: `an object with ${EDGE_SERVICES.map((s) => `"${s}"`).join(" and ")} port numbers` },
      )
      .default({ storefront: 8080, api: 8080 }),
  },
  /**
   * Hosts default from `domain`; when `domain` is invalid it is reported on its own and the
   * defaults are not checked.
   */
  finish: (v, ctx, fail) => {
    const base = ctx.domain;
    const hostedZoneName = v.hostedZoneName ?? base ?? "";
    const zone = hostedZoneName || undefined;
    // The storefront lives on `www.`: an apex alias works with Route 53, but `www.` keeps the apex free
    // for a redirect or mail records and lets a CNAME-only DNS provider take over later.
    const hosts = {
      storefrontHost: inZone(fail, "edge.storefrontHost", v.storefrontHost ?? (base && `www.${base}`), zone),
      apiHost: inZone(fail, "edge.apiHost", v.apiHost ?? (base && `api.${base}`), zone),
      originHost: inZone(fail, "edge.originHost", v.originHost ?? (base && `origin.${base}`), zone),
    };
    const seen = new Map<string, string>();
    for (const [name, value] of Object.entries(hosts)) {
      if (value && seen.has(value)) fail(`edge.${name}`, value, `a host different from ${seen.get(value)}`);
      seen.set(value, `edge.${name}`);
    }
    return { ...v, hostedZoneName, ...hosts };
  },
});

export type EdgeSettings = SettingsOf<typeof edge>;

function inZone(fail: Fail, key: string, value: string | undefined, zone: string | undefined): string {
  if (value === undefined) return "";
  if (zone && value !== zone && !value.endsWith(`.${zone}`)) {
    fail(key, value, `a name inside the hosted zone ${zone}`);
    return "";
  }
  return value;
}
