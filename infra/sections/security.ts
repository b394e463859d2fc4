import { ORGANIZATION_OWNED_SERVICES, SECURITY_SERVICES, SecurityServices } from "../../components/security/types";
import { bool, int, LOG_RETENTION_DAYS, matching, memberOf, oneOf, section, SettingsOf, z } from "../schema";

/** PCI DSS v4.0.1 requirement 10.5.1: audit logs kept at least 12 months, the last 3 immediately available. */
export const PCI_MIN_RETENTION_DAYS = 365;
export const PCI_MIN_IMMEDIATE_DAYS = 90;

const TRAIL_ARN = /^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[A-Za-z0-9._-]{3,128}$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
const CLIENT_CIDR = /^(\d{1,3}\.){3}\d{1,3}\/(1[2-9]|2[0-2])$/;

const serviceSwitches = Object.fromEntries(SECURITY_SERVICES.map((s) => [s, bool().optional()])) as Record<
  keyof SecurityServices,
  z.ZodOptional<z.ZodBoolean>
>;

export const security = section({
  key: "security",
  fields: {
    /** `standalone`: this account runs its own detective controls; `member`: the organisation's delegated administrator does. */
    mode: oneOf(["standalone", "member"]).default("standalone"),
    /** Each service on or off; unset: on in standalone, off (organisation-owned ones) in member mode. */
    services: z
      .strictObject(serviceSwitches, { error: `an object of true/false for ${SECURITY_SERVICES.join(", ")}` })
      .default({}),
    /** Member mode: the organisation trail and the log-archive bucket it writes to. */
    organization: z
      .strictObject(
        {
          trailArn: matching(TRAIL_ARN, "the organisation trail's ARN (arn:aws:cloudtrail:<region>:<account>:trail/<name>)"),
          logArchiveBucketName: matching(BUCKET_NAME, "the log-archive account's bucket name"),
        },
        { error: "an object with trailArn and logArchiveBucketName" },
      )
      .optional(),
    /** Days audit logs are kept (Object Lock retention and S3 expiry); PCI DSS 10.5.1 asks for 365 or more. */
    auditLogRetentionDays: int(PCI_MIN_RETENTION_DAYS, 3653),
    /** Days audit logs stay immediately available (CloudWatch Logs retention, S3 Standard); at least 90. */
    auditLogImmediateDays: memberOf(LOG_RETENTION_DAYS.filter((n) => n >= PCI_MIN_IMMEDIATE_DAYS)),
    /** Object Lock mode of the audit archive: GOVERNANCE (non-prod) or COMPLIANCE (prod: nobody can shorten it). */
    objectLockMode: oneOf(["GOVERNANCE", "COMPLIANCE"]),
    /** What the automated first responses do: act and report, or only report what they would do. */
    responses: oneOf(["remediate", "notify-only"]).default("remediate"),
    /** Optional AWS Client VPN (mutual TLS, split tunnel); off unless set. */
    clientVpn: z
      .strictObject(
        {
          serverCertificateArn: matching(ACM_ARN, "an ACM certificate ARN"),
          clientRootCertificateArn: matching(ACM_ARN, "an ACM certificate ARN of the client CA"),
          clientCidr: matching(CLIENT_CIDR, "an IPv4 CIDR from /12 to /22 outside the VPC, e.g. 172.16.0.0/22"),
        },
        { error: "an object with serverCertificateArn, clientRootCertificateArn and clientCidr" },
      )
      .optional(),
  },
  /**
   * In member mode the delegated administrator owns the trail, detector, hub, recorder and
   * Inspector: a member stack asking for one of them is an error naming the key, because two owners
   * of one detector, hub or recorder fight (one per account and region).
   */
  finish: (v, ctx, fail) => {
    const member = v.mode === "member";
    const given = (v.services ?? {}) as Partial<SecurityServices>;
    const services = {} as SecurityServices;
    for (const s of SECURITY_SERVICES) {
      const owned = ORGANIZATION_OWNED_SERVICES.includes(s);
      const on = given[s] ?? (!member || !owned);
      if (on && owned && member) {
        fail(
          `security.services.${s}`,
          given[s],
          `false in member mode (the organisation's delegated administrator owns ${s}); set security.mode to "standalone" to create it here`,
        );
      }
      services[s] = on && !(owned && member);
    }
    if (member && !v.organization) {
      fail(
        "security.organization",
        undefined,
        "the organisation trail and log archive in member mode: {trailArn, logArchiveBucketName}",
      );
    }
    if (!member && v.organization) {
      fail("security.organization", v.organization, 'only in member mode (security.mode: "member")');
    }
    if (v.auditLogImmediateDays > v.auditLogRetentionDays) {
      fail(
        "security.auditLogImmediateDays",
        v.auditLogImmediateDays,
        `at most security.auditLogRetentionDays (${v.auditLogRetentionDays})`,
      );
    }
    if (ctx.environment === "prod" && v.objectLockMode !== "COMPLIANCE") {
      fail(
        "security.objectLockMode",
        v.objectLockMode,
        '"COMPLIANCE" in prod (GOVERNANCE lets a privileged user delete audit logs)',
      );
    }
    return { ...v, services, organization: member ? v.organization : undefined };
  },
});

export type SecuritySettings = SettingsOf<typeof security>;
