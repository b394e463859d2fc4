/**
 * Backups, the DR region, fault injection and on-call: the `backup`, `dr`, `faultInjection` and
 * `onCall` config objects over per-environment defaults. Every field's default is below, by
 * environment; a stack file overrides any of them.
 */
import * as pulumi from "@pulumi/pulumi";
import { overlaps, parseCidr } from "../../lib/cidr";
import { EnvironmentName } from "../../stacks";
import { Validator } from "../validation";

export type VaultLockMode = "none" | "governance" | "compliance";
export type DrMode = "pilot-light" | "active";

export interface BackupConfig {
  /** Retention of the daily database snapshots (days). */
  databaseRetentionDays: number;
  /** Retention of the monthly database snapshots (days); 0: no monthly rule. */
  databaseMonthlyRetentionDays: number;
  /** Retention of the daily Prometheus/Grafana/Alertmanager volume snapshots (days). */
  volumeRetentionDays: number;
  /** Retention of the daily backups of buckets tagged `BackupTier=customer-data` (days). */
  customerDataRetentionDays: number;
  /** Vault lock on the vaults: none, governance (removable with IAM permission) or compliance (immutable after 3 days). */
  vaultLock: VaultLockMode;
  /** Weekly restore tests of the database and volume backups. */
  restoreTesting: boolean;
}

export interface DrConfig {
  /** `pilot-light`: data replicated, nothing serving; `active`: promote the replica and run the DR cluster. */
  mode: DrMode;
  /** CIDR of the DR region's VPC (must not overlap the home VPC: the two may be peered). */
  vpcCidr: string;
  /** NAT in the DR VPC while in pilot light: `None` (no egress needed) or `Single`; active always gets `Single`. */
  natStrategy: "None" | "Single";
  /** Put the cross-region read replica in the DR network. */
  replica: boolean;
}

export interface FaultInjectionConfig {
  /** Create the AWS FIS experiment templates (they do nothing until an operator starts one). */
  enabled: boolean;
  /** Share of the apps node group's instances the node experiment terminates (percent). */
  nodeTerminationPercent: number;
}

export interface OnCallConfig {
  /** Create the PagerDuty schedules, escalation policy and service (needs the secret `pagerDutyToken`). */
  enabled: boolean;
  /** PagerDuty user ids of the rotation, in order. */
  users: string[];
  /** IANA time zone of the rotation, e.g. Europe/Berlin. */
  timeZone: string;
  /** PagerDuty API token (secret). */
  token?: pulumi.Output<string>;
}

export interface ResilienceConfig {
  backup: BackupConfig;
  /** Only where the database has a DR region. */
  dr?: DrConfig & { region: string };
  faultInjection: FaultInjectionConfig;
  onCall: OnCallConfig;
}

/** Secret keys of this section (set with `pulumi config set --secret`). */
export const RESILIENCE_SECRET_KEYS = ["pagerDutyToken"] as const;
export const RESILIENCE_KEYS = ["backup", "dr", "faultInjection", "onCall", ...RESILIENCE_SECRET_KEYS] as const;

/** The defaults by environment; the stack files override them. */
export const RESILIENCE_DEFAULTS: Record<EnvironmentName, Omit<ResilienceConfig, "dr"> & { dr: DrConfig }> = {
  dev: {
    backup: {
      databaseRetentionDays: 7,
      databaseMonthlyRetentionDays: 0,
      volumeRetentionDays: 3,
      customerDataRetentionDays: 7,
      vaultLock: "none",
      restoreTesting: false,
    },
    dr: { mode: "pilot-light", vpcCidr: "10.110.0.0/16", natStrategy: "None", replica: false },
    faultInjection: { enabled: false, nodeTerminationPercent: 33 },
    onCall: { enabled: false, users: [], timeZone: "Europe/Berlin" },
  },
  staging: {
    backup: {
      databaseRetentionDays: 14,
      databaseMonthlyRetentionDays: 0,
      volumeRetentionDays: 7,
      customerDataRetentionDays: 14,
      vaultLock: "none",
      restoreTesting: true,
    },
    dr: { mode: "pilot-light", vpcCidr: "10.120.0.0/16", natStrategy: "None", replica: false },
    faultInjection: { enabled: false, nodeTerminationPercent: 33 },
    onCall: { enabled: false, users: [], timeZone: "Europe/Berlin" },
  },
  prod: {
    backup: {
      databaseRetentionDays: 35,
      databaseMonthlyRetentionDays: 365,
      volumeRetentionDays: 14,
      customerDataRetentionDays: 35,
      // Governance first; switch to compliance once restores are proven (compliance cannot be undone).
      vaultLock: "governance",
      restoreTesting: true,
    },
    dr: { mode: "pilot-light", vpcCidr: "10.130.0.0/16", natStrategy: "None", replica: true },
    faultInjection: { enabled: false, nodeTerminationPercent: 33 },
    onCall: { enabled: false, users: [], timeZone: "Europe/Berlin" },
  },
};

const BACKUP_FIELDS = Object.keys(RESILIENCE_DEFAULTS.prod.backup);
const DR_FIELDS = Object.keys(RESILIENCE_DEFAULTS.prod.dr);
const FIS_FIELDS = Object.keys(RESILIENCE_DEFAULTS.prod.faultInjection);
const ONCALL_FIELDS = ["enabled", "users", "timeZone"];
const PAGERDUTY_USER = /^P[A-Z0-9]{6}$/;
const TIME_ZONE = /^[A-Z][A-Za-z_]+(\/[A-Za-z_+-]+){1,2}$|^UTC$/;

/** Reads the section; `drRegion` is the database's DR region (undefined: no DR region). */
export function readResilience(
  v: Validator,
  environment: EnvironmentName,
  stack: string,
  drRegion: string | undefined,
  homeVpcCidr: string | undefined,
): ResilienceConfig {
  const d = RESILIENCE_DEFAULTS[environment];

  const b = v.object("backup");
  v.knownFields("backup", b, BACKUP_FIELDS);
  const days = (f: keyof BackupConfig, min: number) => v.integer(`backup.${f}`, b[f] ?? d.backup[f], min, 36500);
  const backup: BackupConfig = {
    // AWS Backup keeps a recovery point at least 1 day; the vault lock below needs 7.
    databaseRetentionDays: days("databaseRetentionDays", 7),
    databaseMonthlyRetentionDays: days("databaseMonthlyRetentionDays", 0),
    volumeRetentionDays: days("volumeRetentionDays", 1),
    customerDataRetentionDays: days("customerDataRetentionDays", 1),
    vaultLock: v.oneOf("backup.vaultLock", b.vaultLock ?? d.backup.vaultLock, ["none", "governance", "compliance"]),
    restoreTesting: v.boolean("backup.restoreTesting", b.restoreTesting ?? d.backup.restoreTesting),
  };
  if (backup.vaultLock !== "none") {
    for (const f of ["databaseRetentionDays", "volumeRetentionDays", "customerDataRetentionDays"] as const) {
      if (backup[f] < 7)
        v.fail(`backup.${f}`, backup[f], "at least 7 days while backup.vaultLock is on (the lock's minimum retention)");
    }
  }
  if (environment === "prod" && backup.vaultLock === "none") {
    v.fail(
      "backup.vaultLock",
      "none",
      `"governance" or "compliance" in prod (recovery points must survive a compromised account)`,
    );
  }

  const o = v.object("dr");
  v.knownFields("dr", o, DR_FIELDS);
  let dr: ResilienceConfig["dr"];
  if (Object.keys(o).length > 0 && !drRegion) {
    v.fail("dr", o, "only together with database.drRegion (the region the DR network is built in)");
  }
  if (drRegion) {
    const vpcCidr = String(o.vpcCidr ?? d.dr.vpcCidr);
    const parsed = parseCidr(vpcCidr);
    const home = homeVpcCidr ? parseCidr(homeVpcCidr) : undefined;
    if (!parsed || parsed.prefix < 16 || parsed.prefix > 20) {
      v.fail("dr.vpcCidr", vpcCidr, "an IPv4 network CIDR of size /16 to /20, e.g. 10.130.0.0/16");
    } else if (home && overlaps(parsed, home)) {
      v.fail("dr.vpcCidr", vpcCidr, `a CIDR that does not overlap the stack's vpcCidr ${homeVpcCidr}`);
    }
    dr = {
      region: drRegion,
      mode: v.oneOf("dr.mode", o.mode ?? d.dr.mode, ["pilot-light", "active"]),
      vpcCidr,
      natStrategy: v.oneOf("dr.natStrategy", o.natStrategy ?? d.dr.natStrategy, ["None", "Single"]),
      replica: v.boolean("dr.replica", o.replica ?? d.dr.replica),
    };
    if (dr.mode === "active" && !dr.replica) {
      v.fail("dr.mode", "active", `"pilot-light" unless dr.replica is true (activation promotes the DR replica)`);
    }
  }

  const f = v.object("faultInjection");
  v.knownFields("faultInjection", f, FIS_FIELDS);
  const faultInjection: FaultInjectionConfig = {
    enabled: v.boolean("faultInjection.enabled", f.enabled ?? d.faultInjection.enabled),
    nodeTerminationPercent: v.integer(
      "faultInjection.nodeTerminationPercent",
      f.nodeTerminationPercent ?? d.faultInjection.nodeTerminationPercent,
      1,
      50,
    ),
  };

  const c = v.object("onCall");
  v.knownFields("onCall", c, ONCALL_FIELDS);
  const enabled = v.boolean("onCall.enabled", c.enabled ?? d.onCall.enabled);
  const users = c.users ?? d.onCall.users;
  if (
    !Array.isArray(users) ||
    !users.every((u) => typeof u === "string" && PAGERDUTY_USER.test(u)) ||
    (enabled && users.length < 2)
  ) {
    v.fail("onCall.users", users, "a list of at least 2 PagerDuty user ids such as PABC123 (a rotation needs two people)");
  }
  const timeZone = String(c.timeZone ?? d.onCall.timeZone);
  if (!TIME_ZONE.test(timeZone)) v.fail("onCall.timeZone", timeZone, "an IANA time zone such as Europe/Berlin");
  const rawToken = v.get("pagerDutyToken");
  if (enabled && rawToken === undefined) {
    v.fail(
      "pagerDutyToken",
      undefined,
      `a PagerDuty API token set as a secret: pulumi config set --secret pagerDutyToken <token> --stack ${stack}`,
    );
  }
  return {
    backup,
    dr,
    faultInjection,
    onCall: { enabled, users: users as string[], timeZone, token: enabled && rawToken ? pulumi.secret(rawToken) : undefined },
  };
}
