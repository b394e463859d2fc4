import {
  ORGANIZATION_OWNED_SERVICES,
  ResponseMode,
  SECURITY_SERVICES,
  SecurityMode,
  SecurityServices,
} from "../../components/security/types";
import { EnvironmentName } from "../../stacks";
import { Validator } from "../validation";
import { LOG_RETENTION_DAYS } from "./common";

const MODES: readonly SecurityMode[] = ["standalone", "member"];
const RESPONSE_MODES: readonly ResponseMode[] = ["remediate", "notify-only"];
const LOCK_MODES = ["GOVERNANCE", "COMPLIANCE"] as const;
const TRAIL_ARN = /^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[A-Za-z0-9._-]{3,128}$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/(1[2-9]|2[0-2])$/;

/** PCI DSS v4.0.1 requirement 10.5.1: audit logs kept at least 12 months, the last 3 immediately available. */
export const PCI_MIN_RETENTION_DAYS = 365;
export const PCI_MIN_IMMEDIATE_DAYS = 90;

export interface ClientVpnConfig {
  /** ACM certificate of the endpoint (mutual TLS server side). */
  serverCertificateArn: string;
  /** ACM certificate of the CA that signs client certificates. */
  clientRootCertificateArn: string;
  /** Addresses handed to clients (/12 to /22, not overlapping the VPC). */
  clientCidr: string;
}

export interface SecurityConfig {
  mode: SecurityMode;
  services: SecurityServices;
  /** Member mode: the organisation trail and the log-archive bucket it writes to. */
  organization?: { trailArn: string; logArchiveBucketName: string };
  /** Days audit logs are kept (Object Lock retention and S3 expiry); at least 365. */
  auditLogRetentionDays: number;
  /** Days audit logs stay immediately available (CloudWatch Logs retention, S3 Standard); at least 90. */
  auditLogImmediateDays: number;
  /** Object Lock mode of the audit-log bucket: GOVERNANCE (non-prod) or COMPLIANCE (prod). */
  objectLockMode: (typeof LOCK_MODES)[number];
  /** What the automated first responses do: act and report, or only report. */
  responses: ResponseMode;
  /** Optional AWS Client VPN; off unless configured. */
  clientVpn?: ClientVpnConfig;
}

/** Defaults per environment: COMPLIANCE-mode lock only in prod, where nothing may shorten retention. */
const DEFAULTS: Record<
  EnvironmentName,
  Pick<SecurityConfig, "auditLogRetentionDays" | "auditLogImmediateDays" | "objectLockMode">
> = {
  dev: { auditLogRetentionDays: 365, auditLogImmediateDays: 90, objectLockMode: "GOVERNANCE" },
  staging: { auditLogRetentionDays: 365, auditLogImmediateDays: 90, objectLockMode: "GOVERNANCE" },
  prod: { auditLogRetentionDays: 400, auditLogImmediateDays: 90, objectLockMode: "COMPLIANCE" },
};

const FIELDS = [
  "mode",
  "services",
  "organization",
  "auditLogRetentionDays",
  "auditLogImmediateDays",
  "objectLockMode",
  "responses",
  "clientVpn",
] as const;

/**
 * Reads the optional `security` object. In `member` mode the organisation's delegated
 * administrator runs the organisation-owned services; asking a member stack to create one of them
 * is an error naming the key, because two owners of one detector, hub or recorder fight.
 */
export function readSecurity(v: Validator, environment: EnvironmentName): SecurityConfig {
  const o = v.object("security");
  v.knownFields("security", o, FIELDS);
  const d = DEFAULTS[environment];
  const mode = v.oneOf("security.mode", o.mode ?? "standalone", MODES);

  const servicesRaw = (o.services ?? {}) as Record<string, unknown>;
  if (typeof servicesRaw !== "object" || Array.isArray(servicesRaw)) v.fail("security.services", servicesRaw, "an object");
  v.knownFields("security.services", servicesRaw, SECURITY_SERVICES);
  const services = Object.fromEntries(
    SECURITY_SERVICES.map((s) => {
      const owned = ORGANIZATION_OWNED_SERVICES.includes(s);
      const value = servicesRaw[s] ?? (mode === "standalone" || !owned);
      const on = v.boolean(`security.services.${s}`, value);
      if (on && owned && mode === "member") {
        v.fail(
          `security.services.${s}`,
          servicesRaw[s],
          `false in member mode (the organisation's delegated administrator owns ${s}); set security.mode to "standalone" to create it here`,
        );
      }
      return [s, on];
    }),
  ) as unknown as SecurityServices;

  let organization: SecurityConfig["organization"];
  if (mode === "member") {
    const org = (o.organization ?? {}) as Record<string, unknown>;
    v.knownFields("security.organization", org, ["trailArn", "logArchiveBucketName"]);
    const trailArn = typeof org.trailArn === "string" && TRAIL_ARN.test(org.trailArn) ? org.trailArn : undefined;
    if (!trailArn)
      v.fail(
        "security.organization.trailArn",
        org.trailArn,
        "the organisation trail's ARN (arn:aws:cloudtrail:<region>:<account>:trail/<name>)",
      );
    const bucket =
      typeof org.logArchiveBucketName === "string" && BUCKET_NAME.test(org.logArchiveBucketName)
        ? org.logArchiveBucketName
        : undefined;
    if (!bucket)
      v.fail("security.organization.logArchiveBucketName", org.logArchiveBucketName, "the log-archive account's bucket name");
    organization = { trailArn: trailArn ?? "", logArchiveBucketName: bucket ?? "" };
  } else if (o.organization !== undefined) {
    v.fail("security.organization", o.organization, 'only in member mode (security.mode: "member")');
  }

  const auditLogRetentionDays = v.integer(
    "security.auditLogRetentionDays",
    o.auditLogRetentionDays ?? d.auditLogRetentionDays,
    PCI_MIN_RETENTION_DAYS,
    3653,
  );
  const immediate = v.memberOf(
    "security.auditLogImmediateDays",
    o.auditLogImmediateDays ?? d.auditLogImmediateDays,
    LOG_RETENTION_DAYS.filter((n) => n >= PCI_MIN_IMMEDIATE_DAYS),
  );
  if (immediate > auditLogRetentionDays) {
    v.fail("security.auditLogImmediateDays", immediate, `at most security.auditLogRetentionDays (${auditLogRetentionDays})`);
  }
  const objectLockMode = v.oneOf("security.objectLockMode", o.objectLockMode ?? d.objectLockMode, LOCK_MODES);
  if (environment === "prod" && objectLockMode !== "COMPLIANCE") {
    v.fail(
      "security.objectLockMode",
      objectLockMode,
      '"COMPLIANCE" in prod (GOVERNANCE lets a privileged user delete audit logs)',
    );
  }
  const responses = v.oneOf("security.responses", o.responses ?? "remediate", RESPONSE_MODES);
  const clientVpn = o.clientVpn === undefined ? undefined : readClientVpn(v, o.clientVpn);
  return {
    mode,
    services,
    organization,
    auditLogRetentionDays,
    auditLogImmediateDays: immediate,
    objectLockMode,
    responses,
    clientVpn,
  };
}

function readClientVpn(v: Validator, value: unknown): ClientVpnConfig | undefined {
  const o = (value && typeof value === "object" && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  v.knownFields("security.clientVpn", o, ["serverCertificateArn", "clientRootCertificateArn", "clientCidr"]);
  const text = (key: string, pattern: RegExp, allowed: string) => {
    const x = o[key];
    if (typeof x === "string" && pattern.test(x)) return x;
    v.fail(`security.clientVpn.${key}`, x, allowed);
    return "";
  };
  return {
    serverCertificateArn: text("serverCertificateArn", ACM_ARN, "an ACM certificate ARN"),
    clientRootCertificateArn: text("clientRootCertificateArn", ACM_ARN, "an ACM certificate ARN of the client CA"),
    clientCidr: text("clientCidr", CIDR, "an IPv4 CIDR from /12 to /22 outside the VPC, e.g. 172.16.0.0/22"),
  };
}
