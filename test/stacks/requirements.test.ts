/**
 * One table of per-environment requirements (stacks/requirements.ts) feeds the program's config
 * checks and the generated pack config (stacks/<stack>.policy.json). Here the two are held against
 * each other at each requirement's boundary: a value at the minimum passes both the config check
 * and the configured pack policy (through the pack's real analyzer entry points), a value just below
 * fails both. And the committed files are what the generator renders.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { allPolicies } from "../../policy-pack/policies";
import { analyzeStackWith, analyzeWith, configurePack, PackConfig, ResourceInput } from "../../policy-pack/test/helpers";
import { profiles } from "../../stacks";
import { EnvironmentRequirements, REQUIREMENTS } from "../../stacks/requirements";
import { ConfigError, loadConfig } from "../../infra/config";
import { isLogRetentionField, LOG_RETENTION_DAYS } from "../../infra/schema";
import { SECTIONS } from "../../infra/sections";
import { projectName, readStackConfig } from "../../tools/harness";
import {
  DOC,
  environmentOf,
  FROM_REQUIREMENTS,
  packConfig,
  packConfigFile,
  renderPackConfig,
  updatedRequirementsDoc,
} from "../../tools/pack-config";
import { STACKS } from "../support/stacks";

const P = projectName();

/** The config problems of a stack file with some keys replaced (JSON objects for structured keys). */
function problems(stack: string, overrides: Record<string, unknown>): string[] {
  const raw: Record<string, string> = { ...readStackConfig(stack) };
  for (const [k, v] of Object.entries(overrides)) raw[`${P}:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
  try {
    loadConfig(P, stack, raw);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

/** Whether a problem names this key (`database.replicaCount`, `azCount`). */
const names = (found: string[], key: string) => found.some((p) => p.startsWith(`config key "${P}:${key}" is`));

/** Violations of one pack policy, configured as the stack's generated file configures it. */
async function packViolations(stack: string, policy: string, resources: ResourceInput[]): Promise<string[]> {
  const config = JSON.parse(fs.readFileSync(packConfigFile(stack), "utf8")) as PackConfig;
  const configured = configurePack(
    allPolicies.filter((p) => p.name === policy),
    config,
  );
  assert.equal(configured.length, 1, policy);
  if (configured[0].meta.kind === "stack") return (await analyzeStackWith(configured, resources)).violations;
  const out: string[] = [];
  for (const r of resources) out.push(...(await analyzeWith(configured, r)).violations);
  return out;
}

interface Boundary {
  policy: string;
  /** The requirement's value, and the nearest value below it (undefined: none below exists). */
  min: (r: EnvironmentRequirements) => number;
  below: (min: number) => number | undefined;
  /** The stack-file keys that ask for `v`, and the key the config check names; none: no config key. */
  program?: { overrides: (v: number) => Record<string, unknown>; key: string };
  /** The resources that have `v`. */
  pack: (v: number) => ResourceInput[];
}

const minusOne = (min: number) => (min > 0 ? min - 1 : undefined);
const node = (minSize: number) => ({ minSize, desiredSize: Math.max(minSize, 1), maxSize: Math.max(minSize, 3) });

const BOUNDARIES: Boundary[] = [
  {
    policy: "aws-cloudwatch-log-group-require-retention",
    min: (r) => r.minLogRetentionDays,
    below: (min) => [...LOG_RETENTION_DAYS].reverse().find((d) => d < min),
    program: { overrides: (v) => ({ observability: { logRetentionDays: v } }), key: "observability.logRetentionDays" },
    pack: (v) => [{ type: "aws:cloudwatch/logGroup:LogGroup", props: { retentionInDays: v } }],
  },
  {
    policy: "aws-rds-instance-require-backup-retention",
    min: (r) => r.database.minBackupRetentionDays,
    below: minusOne,
    program: { overrides: (v) => ({ database: { backupRetentionDays: v } }), key: "database.backupRetentionDays" },
    pack: (v) => [{ type: "aws:rds/instance:Instance", props: { identifier: "db", backupRetentionPeriod: v } }],
  },
  {
    policy: "aws-backup-plan-require-retention",
    min: (r) => r.backup.minRetentionDays,
    below: minusOne,
    program: { overrides: (v) => ({ backup: { volumeRetentionDays: v } }), key: "backup.volumeRetentionDays" },
    pack: (v) => [{ type: "aws:backup/plan:Plan", props: { rules: [{ ruleName: "daily", lifecycle: { deleteAfter: v } }] } }],
  },
  {
    policy: "aws-elasticache-replication-group-require-snapshot-retention",
    min: (r) => r.cache.minSnapshotRetentionDays,
    below: minusOne,
    program: { overrides: (v) => ({ cache: { snapshotRetentionDays: v } }), key: "cache.snapshotRetentionDays" },
    pack: (v) => [{ type: "aws:elasticache/replicationGroup:ReplicationGroup", props: { snapshotRetentionLimit: v } }],
  },
  {
    policy: "aws-rds-instance-require-read-replica",
    min: (r) => r.database.minReplicas,
    below: minusOne,
    program: { overrides: (v) => ({ database: { replicaCount: v } }), key: "database.replicaCount" },
    pack: (v) => [
      { type: "aws:rds/instance:Instance", name: "primary", props: { identifier: "db" } },
      ...[...Array(v).keys()].map((i) => ({
        type: "aws:rds/instance:Instance",
        name: `replica-${i}`,
        props: { identifier: `db-replica-${i}`, replicateSourceDb: "db" },
      })),
    ],
  },
  {
    policy: "aws-ec2-vpc-require-multi-az",
    min: (r) => r.minAvailabilityZones,
    below: minusOne,
    program: { overrides: (v) => ({ azCount: String(v) }), key: "azCount" },
    pack: (v) => [{ type: "awsx:ec2:Vpc", props: { availabilityZoneNames: ["a", "b", "c"].slice(0, v) } }],
  },
  {
    policy: "aws-eks-node-group-require-min-size",
    min: (r) => r.minNodeGroupSize,
    below: minusOne,
    program: {
      overrides: (v) => ({ cluster: { nodeGroups: { system: node(Math.max(v, 2)), apps: node(v) } } }),
      key: "cluster.nodeGroups.apps.minSize",
    },
    pack: (v) => [{ type: "aws:eks/nodeGroup:NodeGroup", props: { scalingConfig: { minSize: v } } }],
  },
  {
    policy: "aws-kms-key-require-deletion-window",
    min: (r) => r.minKmsDeletionWindowDays,
    below: minusOne,
    pack: (v) => [{ type: "aws:kms/key:Key", props: { deletionWindowInDays: v, enableKeyRotation: true } }],
  },
];

describe("environment requirements (stacks/requirements.ts): generated pack config", () => {
  for (const stack of STACKS) {
    it(`${stack}: stacks/${stack}.policy.json is what \`npm run docs:policies\` renders from the requirements`, async () => {
      assert.equal(
        fs.readFileSync(packConfigFile(stack), "utf8"),
        await renderPackConfig(stack),
        `stacks/${stack}.policy.json is stale: run \`npm run docs:policies\``,
      );
    });
  }

  it("docs/policies.md's per-environment table is rendered from the requirements", async () => {
    const current = fs.readFileSync(DOC, "utf8");
    assert.equal(current, await updatedRequirementsDoc(current), "docs/policies.md is stale: run `npm run docs:policies`");
    assert.match(current, /\| Database backup retention, days +\| 1 +\| 7 +\| 14 +\|/);
  });

  it("prod's pack config requires what the program requires: 14 backup days, 2 replicas, 90 log days", () => {
    const prod = packConfig("prod");
    assert.deepEqual(prod["aws-rds-instance-require-backup-retention"], { enforcementLevel: "mandatory", minimumDays: 14 });
    assert.deepEqual(prod["aws-rds-instance-require-read-replica"], { enforcementLevel: "mandatory", minimumReplicas: 2 });
    assert.deepEqual(prod["aws-cloudwatch-log-group-require-retention"], { enforcementLevel: "mandatory", minimumDays: 90 });
  });

  it("every requirement-fed property exists in its policy's config schema", () => {
    for (const f of FROM_REQUIREMENTS) {
      const p = allPolicies.find((x) => x.name === f.policy);
      assert.ok(p?.configSchema?.properties[f.property], `${f.policy}.${f.property}`);
    }
  });

  it("the shipped stack files select their own environment", () => {
    for (const stack of STACKS) assert.equal(environmentOf(stack), stack);
  });
});

describe("environment requirements: the config checks and the pack agree at each boundary", () => {
  for (const stack of STACKS) {
    const req = REQUIREMENTS[stack];
    for (const b of BOUNDARIES) {
      const min = b.min(req);
      const below = b.below(min);
      it(`${stack}: ${b.policy} at ${min} passes both${below === undefined ? "" : `, at ${below} fails both`}`, async () => {
        assert.deepEqual(await packViolations(stack, b.policy, b.pack(min)), [], `${stack}: the pack refuses the minimum ${min}`);
        if (b.program) {
          const atMin = problems(stack, b.program.overrides(min)).filter((p) => p.includes(`"${P}:${b.program!.key}"`));
          assert.deepEqual(atMin, [], `${stack}: the program refuses the minimum ${min}`);
        }
        if (below === undefined) return;
        assert.notDeepEqual(await packViolations(stack, b.policy, b.pack(below)), [], `${stack}: the pack accepts ${below}`);
        if (b.program) {
          const found = problems(stack, b.program.overrides(below));
          assert.ok(
            names(found, b.program.key),
            `${stack}: the program accepts ${b.program.key} = ${below}\n${found.join("\n")}`,
          );
        }
      });
    }

    it(`${stack}: a backup vault lock is ${req.backup.vaultLockRequired ? "required" : "optional"}; the cache keeps at least ${req.cache.minNodes} node(s)`, () => {
      assert.equal(names(problems(stack, { backup: { vaultLock: "none" } }), "backup.vaultLock"), req.backup.vaultLockRequired);
      assert.ok(!names(problems(stack, { backup: { vaultLock: "governance" } }), "backup.vaultLock"));
      const multiAz = req.cache.minNodes > 1;
      assert.deepEqual(
        problems(stack, { cache: { nodeCount: req.cache.minNodes, multiAz } }).filter((p) => p.includes("cache.nodeCount")),
        [],
      );
      if (req.cache.minNodes > 1)
        assert.ok(names(problems(stack, { cache: { nodeCount: req.cache.minNodes - 1 } }), "cache.nodeCount"));
    });

    it(`${stack}: the public EKS endpoint (from a listed CIDR) is ${req.clusterPublicEndpoint ? "allowed" : "refused"} by both`, async () => {
      const found = problems(stack, { cluster: { publicAccessCidrs: ["198.51.100.7/32"], endpointPublicAccess: true } });
      assert.equal(!names(found, "cluster.endpointPublicAccess"), req.clusterPublicEndpoint, found.join("\n"));
      const cluster: ResourceInput = {
        type: "eks:index:Cluster",
        props: { endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ["198.51.100.7/32"] },
      };
      const violations = await packViolations(stack, "aws-eks-cluster-disallow-public-endpoint", [cluster]);
      assert.equal(violations.length === 0, req.clusterPublicEndpoint, violations.join("\n"));
    });

    it(`${stack}: Kyverno's Audit mode is ${req.imageAdmissionAuditAllowed ? "allowed" : "refused"} by both`, async () => {
      const found = problems(stack, { services: { admissionMode: "Audit" } });
      assert.equal(!names(found, "services.admissionMode"), req.imageAdmissionAuditAllowed, found.join("\n"));
      const audit: ResourceInput = {
        type: "kubernetes:kyverno.io/v1:ClusterPolicy",
        props: { spec: { rules: [{ name: "verify", verifyImages: [{ failureAction: "Audit" }] }] } },
      };
      const violations = await packViolations(stack, "kubernetes-kyverno-cluster-policy-require-enforce-action", [audit]);
      assert.equal(violations.length === 0, req.imageAdmissionAuditAllowed, violations.join("\n"));
    });

    it(`${stack}: every log-retention setting is held to ${req.minLogRetentionDays} days`, () => {
      const below = [...LOG_RETENTION_DAYS].reverse().find((d) => d < req.minLogRetentionDays);
      const keys = Object.values(SECTIONS).flatMap((s) =>
        Object.entries(s.def.fields ?? {})
          .filter(([, schema]) => isLogRetentionField(schema))
          .map(([field]) => [s.def.key!, field] as const),
      );
      assert.ok(keys.length >= 5, keys.join(", "));
      for (const [section, field] of keys) {
        const found = problems(stack, { [section]: { [field]: req.minLogRetentionDays } });
        assert.ok(!names(found, `${section}.${field}`), found.join("\n"));
        if (below === undefined) continue;
        assert.ok(
          names(problems(stack, { [section]: { [field]: below } }), `${section}.${field}`),
          `${section}.${field} = ${below}`,
        );
      }
    });

    it(`${stack}: Prometheus replicas at least ${req.observability.minPrometheusReplicas}, log archive ${req.observability.logArchive ? "required" : "optional"}`, () => {
      const min = req.observability.minPrometheusReplicas;
      assert.ok(!names(problems(stack, { observability: { prometheusReplicas: min } }), "observability.prometheusReplicas"));
      if (min > 1)
        assert.ok(names(problems(stack, { observability: { prometheusReplicas: min - 1 } }), "observability.prometheusReplicas"));
      const noArchive = problems(stack, { observability: { logArchive: false } });
      assert.equal(names(noArchive, "observability.logArchive"), req.observability.logArchive, noArchive.join("\n"));
    });
  }

  it("a profile that drops a required switch is refused (prod without high availability or protection)", () => {
    const prod = profiles.prod as { highAvailability: boolean; protectStatefulResources: boolean };
    for (const name of ["highAvailability", "protectStatefulResources"] as const) {
      const was = prod[name];
      prod[name] = false;
      try {
        const found = problems("prod", {});
        assert.ok(
          found.some((p) => p.startsWith(`config key "${P}:profile.${name}" is false; allowed: true in prod`)),
          found.join("\n"),
        );
      } finally {
        prod[name] = was;
      }
    }
    assert.deepEqual(problems("prod", {}), []);
  });

  it("the pack's levels follow the requirements: availability advisory without HA, protection advisory without protect", () => {
    const level = (c: ReturnType<typeof packConfig>, n: string) => {
      const e = c[n];
      return typeof e === "string" ? e : e.enforcementLevel;
    };
    for (const stack of STACKS) {
      const c = packConfig(stack);
      const req = REQUIREMENTS[stack];
      assert.equal(level(c, "aws-rds-instance-require-multi-az"), req.highAvailability ? "mandatory" : "advisory", stack);
      assert.equal(
        level(c, "aws-rds-instance-require-deletion-protection"),
        req.highAvailability && req.protectStatefulResources ? "mandatory" : "advisory",
        stack,
      );
    }
  });
});
