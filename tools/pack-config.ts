/**
 * Generates the pack config of each stack, `stacks/<stack>.policy.json` (the CLI's
 * `--policy-pack-config` format), and the per-environment table of docs/policies.md, from the
 * environment requirements (stacks/requirements.ts) and the pack's own metadata. The program
 * generates the pack's config, never the other way round: the pack imports nothing from here.
 *
 * `npm run docs:policies` runs it (before the pack's own policy table, which shows these levels);
 * test/stacks/requirements.test.ts fails when a committed file differs from what this renders.
 *
 * Levels: security and cost rules keep the pack's default (mandatory) everywhere; availability rules
 * are advisory where the environment need not survive an AZ loss, and the protection rules where
 * it need not protect stateful resources. Thresholds come from the requirements.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PRIVILEGED_NAMESPACES } from "../components/cluster/baseline";
import { RUM_GUEST_POOL } from "../components/rum";
import type { EnvironmentName } from "../infra/schema";
import { ENVIRONMENTS } from "../infra/schema";
import { VAULT_LOCK_MIN_DAYS } from "../infra/sections/backup";
import { Naming } from "../lib/naming";
import { allPolicies } from "../policy-pack/policies";
import { EnvironmentRequirements, REQUIREMENTS } from "../stacks/requirements";
import { projectName, readStackConfig } from "./harness";
import { ROOT } from "./root";
import { stackNames } from "./snapshot-urns";

type Level = "advisory" | "mandatory";
type Entry = Level | ({ enforcementLevel: Level } & Record<string, unknown>);
export type StackPackConfig = Record<string, Entry>;

/** Rules that hold stateful resources back from deletion: advisory where nothing must be protected. */
export const PROTECTION_POLICIES: readonly string[] = [
  "aws-stateful-resource-require-protect",
  "aws-rds-instance-require-deletion-protection",
  "aws-rds-instance-require-final-snapshot",
  "aws-lb-load-balancer-require-deletion-protection",
  "kubernetes-ingress-require-deletion-protection",
];

/**
 * Per policy, its config properties from the requirements, with the requirement each comes from
 * (the docs table's rows). Every property named here must exist in the policy's configSchema.
 */
export const FROM_REQUIREMENTS: ReadonlyArray<{
  policy: string;
  property: string;
  requirement: string;
  value: (r: EnvironmentRequirements) => unknown;
}> = [
  {
    policy: "aws-cloudwatch-log-group-require-retention",
    property: "minimumDays",
    requirement: "Log retention, days (every log group)",
    value: (r) => r.minLogRetentionDays,
  },
  {
    policy: "aws-rds-instance-require-backup-retention",
    property: "minimumDays",
    requirement: "Database backup retention, days",
    value: (r) => r.database.minBackupRetentionDays,
  },
  {
    policy: "aws-backup-plan-require-retention",
    property: "minimumDays",
    requirement: "AWS Backup rule retention, days",
    value: (r) => r.backup.minRetentionDays,
  },
  {
    policy: "aws-backup-vault-lock-require-min-retention",
    property: "minimumDays",
    requirement: "Backup vault lock minimum retention, days (where a lock is on)",
    value: () => VAULT_LOCK_MIN_DAYS,
  },
  {
    policy: "aws-elasticache-replication-group-require-snapshot-retention",
    property: "minimumDays",
    requirement: "Cache snapshot retention, days",
    value: (r) => r.cache.minSnapshotRetentionDays,
  },
  {
    policy: "aws-rds-instance-require-read-replica",
    property: "minimumReplicas",
    requirement: "Database read replicas",
    value: (r) => r.database.minReplicas,
  },
  {
    policy: "aws-ec2-vpc-require-multi-az",
    property: "minimumZones",
    requirement: "Availability zones",
    value: (r) => r.minAvailabilityZones,
  },
  {
    policy: "aws-eks-node-group-require-min-size",
    property: "minimumNodes",
    requirement: "Node group minimum size",
    value: (r) => r.minNodeGroupSize,
  },
  {
    policy: "aws-kms-key-require-deletion-window",
    property: "minimumDays",
    requirement: "KMS key deletion window, days",
    value: (r) => r.minKmsDeletionWindowDays,
  },
  {
    policy: "aws-eks-cluster-disallow-public-endpoint",
    property: "allowPublicEndpoint",
    requirement: "EKS public endpoint allowed (from listed CIDRs)",
    value: (r) => r.clusterPublicEndpoint,
  },
  {
    policy: "kubernetes-kyverno-cluster-policy-require-enforce-action",
    property: "auditAllowed",
    requirement: "Image signature check may only report (Audit)",
    value: (r) => r.imageAdmissionAuditAllowed,
  },
];

/** The environment a stack file selects (`<project>:environment`). */
export function environmentOf(stack: string): EnvironmentName {
  const env = readStackConfig(stack)[`${projectName()}:environment`] as EnvironmentName | undefined;
  if (!env || !ENVIRONMENTS.includes(env)) throw new Error(`Pulumi.${stack}.yaml: no valid ${projectName()}:environment`);
  return env;
}

/** The pack config of one stack: every policy of the pack, sorted by name. */
export function packConfig(stack: string, environment: EnvironmentName = environmentOf(stack)): StackPackConfig {
  const req = REQUIREMENTS[environment];
  const naming = new Naming(projectName(), stack);
  const settings = new Map<string, Record<string, unknown>>();
  const set = (policy: string, property: string, value: unknown) =>
    settings.set(policy, { ...settings.get(policy), [property]: value });
  for (const f of FROM_REQUIREMENTS) set(f.policy, f.property, f.value(req));
  // Facts of the program rather than minimums: ELB access logs can only be written to SSE-S3
  // buckets (ELB user guide, "Enable access logs"), and the monitoring namespace runs node-exporter
  // and Fluent Bit with host access (components/cluster/baseline.ts).
  set("aws-s3-bucket-sse-require-kms", "sseS3Buckets", [naming.bucketPattern("alb-logs")]);
  set("kubernetes-namespace-require-pod-security-labels", "privilegedNamespaces", [...PRIVILEGED_NAMESPACES]);
  // The RUM web client's identity pool gives guests credentials by design (components/rum).
  set("aws-cognito-identity-pool-restrict-unauthenticated-identities", "guestPools", [naming.physical(RUM_GUEST_POOL)]);

  const out: StackPackConfig = {};
  for (const p of [...allPolicies].sort((a, b) => a.name.localeCompare(b.name))) {
    let level = p.enforcementLevel as Level;
    if (p.meta.category === "availability") {
      if (!req.highAvailability || (PROTECTION_POLICIES.includes(p.name) && !req.protectStatefulResources)) level = "advisory";
    }
    const properties = settings.get(p.name);
    if (properties) {
      for (const k of Object.keys(properties)) {
        if (!p.configSchema?.properties[k]) throw new Error(`${p.name} has no config property ${k}`);
      }
    }
    out[p.name] = properties ? { enforcementLevel: level, ...properties } : level;
  }
  for (const name of [...settings.keys(), ...PROTECTION_POLICIES]) {
    if (!(name in out)) throw new Error(`the pack has no policy ${name}`);
  }
  return out;
}

async function prettier() {
  return (await import("prettier")) as typeof import("prettier");
}

/** The file's text as prettier formats it (what `npm run lint` checks). */
export async function renderPackConfig(stack: string): Promise<string> {
  const file = packConfigFile(stack);
  const p = await prettier();
  // Indented first: prettier keeps an object expanded when its source puts a line break after `{`.
  return p.format(JSON.stringify(packConfig(stack), null, 2), { ...((await p.resolveConfig(file)) ?? {}), filepath: file });
}

export function packConfigFile(stack: string): string {
  return path.join(ROOT, "stacks", `${stack}.policy.json`);
}

export const DOC = path.join(ROOT, "docs", "policies.md");
export const START = "<!-- requirements:start -->";
export const END = "<!-- requirements:end -->";

const show = (v: unknown) => (typeof v === "boolean" ? (v ? "yes" : "no") : String(v));

/** The per-environment table: one row per requirement, with the config key and the policy it feeds. */
export function renderRequirementsTable(): string {
  const cols = ENVIRONMENTS;
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const lines = [
    row(["Requirement", ...cols, "Program refuses less (config key)", "Pack policy (config)"]),
    row(["---", ...cols.map(() => "---"), "---", "---"]),
  ];
  const program: Record<string, string> = {
    "aws-cloudwatch-log-group-require-retention": "every `*RetentionDays` of a log group",
    "aws-rds-instance-require-backup-retention": "`database.backupRetentionDays`",
    "aws-rds-instance-require-read-replica": "`database.replicaCount`",
    "aws-backup-plan-require-retention": "every `backup.*RetentionDays` (the monthly rule where on)",
    "aws-backup-vault-lock-require-min-retention": "every `backup.*RetentionDays` while `backup.vaultLock` is on",
    "aws-elasticache-replication-group-require-snapshot-retention": "`cache.snapshotRetentionDays`",
    "aws-ec2-vpc-require-multi-az": "`azCount`",
    "aws-eks-node-group-require-min-size": "`cluster.nodeGroups.*.minSize`",
    "aws-kms-key-require-deletion-window": "(none: lib/kms.ts schedules 30 days for every key)",
    "aws-eks-cluster-disallow-public-endpoint": "`cluster.endpointPublicAccess`",
    "kubernetes-kyverno-cluster-policy-require-enforce-action": "`services.admissionMode`",
  };
  for (const f of FROM_REQUIREMENTS) {
    lines.push(
      row([
        f.requirement,
        ...cols.map((e) => show(f.value(REQUIREMENTS[e]))),
        program[f.policy] ?? "",
        `\`${f.policy}\` (\`${f.property}\`)`,
      ]),
    );
  }
  lines.push(
    row([
      "High availability (survives an AZ loss)",
      ...cols.map((e) => show(REQUIREMENTS[e].highAvailability)),
      "profile `highAvailability`",
      "availability rules mandatory (else advisory)",
    ]),
    row([
      "Stateful resources protected",
      ...cols.map((e) => show(REQUIREMENTS[e].protectStatefulResources)),
      "profile `protectStatefulResources`",
      "the protection rules (above) mandatory (else advisory)",
    ]),
    row([
      "Prometheus replicas",
      ...cols.map((e) => show(REQUIREMENTS[e].observability.minPrometheusReplicas)),
      "`observability.prometheusReplicas`",
      "(no pack policy)",
    ]),
    row([
      "Container logs archived to S3",
      ...cols.map((e) => show(REQUIREMENTS[e].observability.logArchive)),
      "`observability.logArchive`",
      "(no pack policy)",
    ]),
    row([
      "Backup vault lock required",
      ...cols.map((e) => show(REQUIREMENTS[e].backup.vaultLockRequired)),
      "`backup.vaultLock`",
      "(no pack policy)",
    ]),
    row([
      "Cache nodes (primary plus replicas)",
      ...cols.map((e) => show(REQUIREMENTS[e].cache.minNodes)),
      "`cache.nodeCount`",
      "(no pack policy)",
    ]),
  );
  return [
    "Generated from `stacks/requirements.ts` by `npm run docs:policies`, which also writes",
    "`stacks/<stack>.policy.json`; the program's config checks read the same table.",
    "",
    ...lines,
  ].join("\n");
}

/** docs/policies.md with the block between the markers replaced. */
export async function updatedRequirementsDoc(current: string): Promise<string> {
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/policies.md: no ${START} ... ${END} block`);
  const p = await prettier();
  const table = await p.format(renderRequirementsTable(), { ...((await p.resolveConfig(DOC)) ?? {}), filepath: DOC });
  return current.slice(0, start) + `${START}\n\n${table}\n${END}` + current.slice(end + END.length);
}

async function main(): Promise<void> {
  for (const stack of stackNames()) {
    const file = packConfigFile(stack);
    const text = await renderPackConfig(stack);
    const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (before !== text) fs.writeFileSync(file, text);
    process.stdout.write(`${path.relative(ROOT, file)}: ${before === text ? "unchanged" : "updated"}\n`);
  }
  const current = fs.readFileSync(DOC, "utf8");
  const next = await updatedRequirementsDoc(current);
  if (next !== current) fs.writeFileSync(DOC, next);
  process.stdout.write(`docs/policies.md: requirements table ${next === current ? "unchanged" : "updated"}\n`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
