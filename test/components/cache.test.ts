/**
 * The cache (components/cache) per stack: where it runs, how it is encrypted and authenticated,
 * its availability and snapshots, its logs and alarms, what it costs, and that only the flow
 * table's cache flows reach it (security group, NetworkPolicies, IAM).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { accessString, CACHE_PARAMETERS, CACHE_PORT, CACHE_THRESHOLDS, DEFAULT_ACCESS } from "../../components/cache";
import { ConfigError, loadConfig } from "../../infra/config";
import { NODE_MEMORY_GIB } from "../../infra/sections/cache";
import { profiles } from "../../stacks";
import { readStackConfig, RegisteredResource, ROOT, SECRET_MASK, StackRun } from "../../tools/harness";
import { estimatePlan } from "../../tools/cost";
import { MOCK_ACCOUNT_ID } from "../../tools/mocks";
import { STACKS, stackRun } from "../support/stacks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const USER = "aws:elasticache/user:User";
const REGION = "eu-central-1";
const of = (run: StackRun, type: string) => run.resources.filter((r) => r.type === type);
const named = (run: StackRun, type: string, name: string): RegisteredResource => {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  assert.ok(r, `no ${type} ${name}`);
  return r;
};
const inCache = (run: StackRun) => {
  const component = run.resources.find((r) => r.type === "b2b:cache:Cache")!;
  return run.resources.filter((r) => r.parent === component.urn);
};
const keyArn = (run: StackRun) => `arn:aws:kms:${REGION}:${MOCK_ACCOUNT_ID}:key/${named(run, "aws:kms/key:Key", "cache-key").id}`;
const cacheArn = (resource: string) => `arn:aws:elasticache:${REGION}:${MOCK_ACCOUNT_ID}:${resource}`;

for (const stack of STACKS) {
  describe(`cache (${stack})`, () => {
    let run: StackRun;
    let group: Json;
    const profile = profiles[stack].cache;
    const prefix = `b2b-commerce-${stack}`;
    before(async () => {
      run = await stackRun(stack);
      group = named(run, RG, "cache").inputs;
    });

    it("is one Valkey replication group of the pinned version and node type, with its own pinned parameter group", () => {
      assert.equal(of(run, RG).length, 1);
      assert.equal(group.engine, "valkey");
      assert.equal(group.engineVersion, profile.engineVersion);
      assert.equal(group.nodeType, profile.nodeType);
      assert.equal(group.port, CACHE_PORT);
      const params = named(run, "aws:elasticache/parameterGroup:ParameterGroup", "cache-params").inputs;
      assert.equal(params.family, `valkey${profile.engineVersion.split(".")[0]}`);
      assert.equal(group.parameterGroupName, params.name, "the group uses its own parameter group, not a default one");
      assert.deepEqual(Object.fromEntries((params.parameters as Json[]).map((p) => [p.name, p.value])), { ...CACHE_PARAMETERS });
      assert.equal(CACHE_PARAMETERS["maxmemory-policy"], "volatile-lru");
    });

    it("runs in the isolated subnets behind a security group that only the flow table opens", () => {
      const subnets = named(run, "aws:elasticache/subnetGroup:SubnetGroup", "cache-subnets").inputs;
      assert.deepEqual(subnets.subnetIds, run.outputs.isolatedSubnetIds);
      assert.equal(group.subnetGroupName, subnets.name);
      const sg = named(run, "aws:ec2/securityGroup:SecurityGroup", "cache-sg");
      assert.deepEqual(group.securityGroupIds, [sg.id]);
      assert.equal(sg.inputs.ingress, undefined, "no inline ingress");
      assert.equal(sg.inputs.egress, undefined, "no egress: the cache opens no connection");
      const rules = run.resources.filter((r) => r.type.startsWith("aws:vpc/securityGroup") && r.inputs.securityGroupId === sg.id);
      assert.deepEqual(
        rules.map((r) => [
          r.name,
          r.type.split(":").pop(),
          r.inputs.fromPort,
          r.inputs.toPort,
          r.inputs.referencedSecurityGroupId,
        ]),
        [["cache-from-workloads", "SecurityGroupIngressRule", CACHE_PORT, CACHE_PORT, run.outputs.clusterNodeSecurityGroupId]],
      );
      assert.equal(rules[0].inputs.cidrIpv4, undefined);
    });

    it("encrypts at rest with its own KMS key (rotated) and requires TLS", () => {
      assert.equal(group.atRestEncryptionEnabled, true);
      assert.equal(group.kmsKeyId, keyArn(run));
      assert.equal(named(run, "aws:kms/key:Key", "cache-key").inputs.enableKeyRotation, true);
      assert.equal(group.transitEncryptionEnabled, true);
      assert.equal(group.transitEncryptionMode, "required");
      const others = run.resources.filter((r) => r.type !== RG && r.inputs.kmsKeyId === keyArn(run)).map((r) => r.name);
      assert.deepEqual(others.sort(), ["cache-engine-logs", "cache-slow-logs"], "the key serves the cache and its logs only");
    });

    it("authenticates with RBAC: an IAM user per workload with a cache flow, its own key prefix, and a switched-off default user", () => {
      const users = inCache(run).filter((r) => r.type === USER);
      const userGroup = named(run, "aws:elasticache/userGroup:UserGroup", "cache-users").inputs;
      assert.deepEqual(group.userGroupIds, [userGroup.userGroupId]);
      assert.equal(group.authToken, undefined, "no AUTH token: users authenticate with IAM");
      const byName = new Map(users.map((u) => [u.name, u.inputs]));
      assert.deepEqual([...byName.keys()].sort(), ["cache-default-user", "cache-user-api", "cache-user-storefront"]);
      for (const w of ["storefront", "api"]) {
        const u = byName.get(`cache-user-${w}`)!;
        assert.equal(u.userId, `${prefix}-cache-${w}`);
        assert.equal(u.userName, u.userId, "IAM authentication needs userId = userName");
        assert.deepEqual(u.authenticationMode, { type: "iam" });
        assert.equal(u.accessString, accessString(w));
        assert.match(String(u.accessString), new RegExp(`^on ~${w}:\\* .*-@dangerous$`));
        assert.doesNotMatch(String(u.accessString), /~\*|allkeys|\+@all/);
      }
      const def = byName.get("cache-default-user")!;
      assert.equal(def.userName, "default");
      assert.equal(def.accessString, DEFAULT_ACCESS);
      assert.equal((def.authenticationMode as Json).type, "password");
      assert.deepEqual((def.authenticationMode as Json).passwords, [SECRET_MASK], "its password is a secret");
      assert.deepEqual(
        [...(userGroup.userIds as string[])].sort(),
        users.map((u) => u.inputs.userId).sort(),
        "the group holds exactly these users (not ElastiCache's own default user)",
      );
    });

    it("grants elasticache:Connect on the group and the workload's own user to the storefront and api roles only", () => {
      const rg = cacheArn(`replicationgroup:${group.replicationGroupId}`);
      for (const w of ["storefront", "api", "workers"]) {
        const policy = JSON.parse(named(run, "aws:iam/rolePolicy:RolePolicy", `workload-${w}-policy`).inputs.policy as string);
        const connect = (policy.Statement as Json[]).filter((s) =>
          [s.Action].flat().some((a: string) => a.startsWith("elasticache")),
        );
        if (w === "workers") {
          assert.deepEqual(connect, [], "workers have no cache flow");
          continue;
        }
        assert.deepEqual(connect, [
          {
            Sid: "ConnectAsOwnCacheUser",
            Effect: "Allow",
            Action: "elasticache:Connect",
            Resource: [rg, cacheArn(`user:${prefix}-cache-${w}`)],
          },
        ]);
      }
    });

    it("opens the cache port to the storefront and api namespaces' pods only, towards the isolated subnets", () => {
      const policies = run.resources.filter(
        (r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy" && (r.inputs.metadata as Json).name === "allow-cache",
      );
      assert.deepEqual(policies.map((p) => (p.inputs.metadata as Json).namespace).sort(), ["api", "storefront"]);
      const isolated = loadConfig("b2b-commerce", stack, readStackConfig(stack)).network.subnetCidrs.isolated;
      for (const p of policies)
        assert.deepEqual((p.inputs.spec as Json).egress, [
          { to: isolated.map((cidr: string) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: CACHE_PORT }] },
        ]);
    });

    const ha = stack !== "dev";
    it(
      ha
        ? "is Multi-AZ with automatic failover, its nodes spread over distinct AZs"
        : "is a single node without failover (dev: cheaper, nothing to lose)",
      () => {
        assert.equal(group.numCacheClusters, profile.nodeCount);
        assert.equal(group.multiAzEnabled, ha);
        assert.equal(group.automaticFailoverEnabled, ha);
        const azs = group.preferredCacheClusterAzs as string[];
        assert.equal(azs.length, profile.nodeCount);
        assert.equal(new Set(azs).size, Math.min(profile.nodeCount, 3), "one node per AZ");
        if (ha)
          assert.ok(profile.nodeCount >= 2 && !profile.nodeType.startsWith("cache.t"), "a non-burstable primary and a replica");
      },
    );

    it("keeps daily snapshots for the configured days in its own window, outside the maintenance window", () => {
      assert.equal(group.snapshotRetentionLimit, profile.snapshotRetentionDays);
      assert.ok(Number(group.snapshotRetentionLimit) >= (stack === "prod" ? 7 : 1));
      assert.equal(group.snapshotWindow, profile.snapshotWindow);
      assert.equal(group.maintenanceWindow, profile.maintenanceWindow);
      assert.equal(group.autoMinorVersionUpgrade, true);
      assert.equal(group.applyImmediately, false, "changes wait for the maintenance window");
      assert.equal(group.finalSnapshotIdentifier, stack === "prod" ? `${prefix}-cache-final` : undefined);
    });

    it("delivers the slow and engine logs as JSON to encrypted log groups with the stack's retention", () => {
      const groups = ["slow", "engine"].map((k) => named(run, "aws:cloudwatch/logGroup:LogGroup", `cache-${k}-logs`).inputs);
      assert.deepEqual(group.logDeliveryConfigurations, [
        { destination: groups[0].name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" },
        { destination: groups[1].name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "engine-log" },
      ]);
      for (const g of groups) {
        assert.equal(g.retentionInDays, profile.logRetentionDays);
        assert.equal(g.kmsKeyId, keyArn(run));
        assert.match(String(g.name), new RegExp(`^/b2b-commerce/${stack}/cache-(slow|engine)-log$`));
      }
    });

    it("alarms on memory, evictions, engine CPU and (with replicas) replication lag per node, to the alert topic with runbooks", () => {
      const alarms = inCache(run).filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
      const kinds = ["memory", "evictions", "cpu", ...(profile.nodeCount > 1 ? ["replication-lag"] : [])];
      const expected = Array.from({ length: profile.nodeCount }, (_, i) => kinds.map((k) => `cache-00${i + 1}-${k}`)).flat();
      assert.deepEqual(alarms.map((a) => a.name).sort(), expected.sort());
      const metric: Record<string, [string, number]> = {
        memory: ["DatabaseMemoryUsagePercentage", CACHE_THRESHOLDS.memoryPercent],
        evictions: ["Evictions", 0],
        cpu: ["EngineCPUUtilization", CACHE_THRESHOLDS.engineCpuPercent],
        "replication-lag": ["ReplicationLag", CACHE_THRESHOLDS.replicationLagSeconds],
      };
      for (const a of alarms) {
        const [, node, kind] = /^cache-(\d{3})-(.+)$/.exec(a.name)!;
        const i = a.inputs;
        assert.equal(i.namespace, "AWS/ElastiCache");
        assert.deepEqual(i.dimensions, { CacheClusterId: `${group.replicationGroupId}-${node}` });
        assert.deepEqual([i.metricName, i.threshold], metric[kind], a.name);
        assert.equal(i.comparisonOperator, "GreaterThanThreshold");
        assert.deepEqual(i.alarmActions, [run.outputs.alertTopicArn]);
        assert.deepEqual(i.okActions, [run.outputs.alertTopicArn]);
        assert.match(String(i.alarmDescription), new RegExp(`Runbook: https://\\S+/docs/runbooks/cache-${kind}\\.md$`));
      }
    });

    it("exports the TLS endpoints, the port and each workload's user as stack outputs (no secret among them)", () => {
      assert.equal(run.outputs.cachePrimaryEndpoint, `master.${group.replicationGroupId}.mock0e.${REGION}.cache.amazonaws.com`);
      assert.equal(run.outputs.cacheReaderEndpoint, `replica.${group.replicationGroupId}.mock0e.${REGION}.cache.amazonaws.com`);
      assert.equal(run.outputs.cachePort, CACHE_PORT);
      assert.deepEqual(run.outputs.cacheUserIds, { storefront: `${prefix}-cache-storefront`, api: `${prefix}-cache-api` });
    });

    it(stack === "prod" ? "protects the group, its key and its log groups" : "leaves them unprotected (torn down freely)", () => {
      for (const [type, name] of [
        [RG, "cache"],
        ["aws:kms/key:Key", "cache-key"],
        ["aws:cloudwatch/logGroup:LogGroup", "cache-slow-logs"],
        ["aws:cloudwatch/logGroup:LogGroup", "cache-engine-logs"],
      ])
        assert.equal(named(run, type, name).protect, stack === "prod", name);
    });

    it("is priced in the estimate: every node's hours at the node type's Valkey price", () => {
      const estimate = estimatePlan(run);
      const line = estimate.lines.find((l) => l.type === RG);
      assert.ok(line, "the replication group is priced");
      assert.equal(line.priceKey, `elasticache.valkey.${profile.nodeType}`);
      assert.equal(line.quantity, profile.nodeCount * 730);
      const hourly: Record<string, number> = { dev: 0.0128, staging: 0.1264, prod: 0.1752 };
      assert.equal(Math.round(line.monthlyUsd * 100) / 100, Math.round(hourly[stack] * profile.nodeCount * 730 * 100) / 100);
      assert.ok(!estimate.unknown.some((u) => u.type.startsWith("aws:elasticache/")), JSON.stringify(estimate.unknown));
      assert.ok(NODE_MEMORY_GIB[profile.nodeType] > 0);
    });
  });
}

describe("cache dashboard", () => {
  it("charts every metric the cache alarms on, from CloudWatch's AWS/ElastiCache per node", async () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(ROOT, "components/observability/dashboards/cache.json"), "utf8"));
    const targets = (dashboard.panels as Json[]).flatMap((p) => p.targets as Json[]);
    for (const t of targets) {
      assert.deepEqual(t.datasource, { type: "cloudwatch", uid: "cloudwatch" });
      assert.equal(t.namespace, "AWS/ElastiCache");
      assert.deepEqual(t.dimensions, { CacheClusterId: "$node" });
    }
    const charted = new Set(targets.map((t) => t.metricName));
    const run = await stackRun("prod");
    const alarmed = new Set(
      inCache(run)
        .filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")
        .map((a) => a.inputs.metricName),
    );
    assert.equal(alarmed.size, 4);
    for (const m of alarmed) assert.ok(charted.has(m), `${m} is alarmed on but not charted`);
  });
});

describe("cache config", () => {
  const refuse = (stack: "dev" | "staging" | "prod", cache: Json, problem: RegExp) => {
    const raw = readStackConfig(stack);
    raw["b2b-commerce:cache"] = JSON.stringify(cache);
    assert.throws(
      () => loadConfig("b2b-commerce", stack, raw),
      (e: unknown) => e instanceof ConfigError && e.problems.some((p) => problem.test(p)),
    );
  };
  it("refuses a cache without failover in a high-availability stack", () =>
    refuse(
      "staging",
      { multiAz: false },
      /"b2b-commerce:cache.multiAz" is false; allowed: true in a high-availability environment/,
    ));
  it("refuses Multi-AZ with a single node", () =>
    refuse("dev", { multiAz: true, nodeCount: 1 }, /"b2b-commerce:cache.nodeCount" is 1; allowed: at least 2 with multiAz/));
  it("refuses a burstable node type in prod", () =>
    refuse(
      "prod",
      { nodeType: "cache.t4g.medium" },
      /"b2b-commerce:cache.nodeType" is "cache.t4g.medium"; allowed: a non-burstable type/,
    ));
  it("refuses fewer snapshot days than the prod minimum", () =>
    refuse(
      "prod",
      { snapshotRetentionDays: 1 },
      /"b2b-commerce:cache.snapshotRetentionDays" is 1; allowed: an integer from 7 \(the prod minimum\)/,
    ));
  it("refuses an unknown Valkey version and a node type not in the table", () => {
    refuse(
      "dev",
      { engineVersion: "7.1" },
      /"b2b-commerce:cache.engineVersion" is "7.1"; allowed: a pinned Valkey "major.minor"/,
    );
    refuse("dev", { nodeType: "cache.x9.huge" }, /"b2b-commerce:cache.nodeType" is "cache.x9.huge"; allowed: one of/);
  });
  it("refuses a maintenance window that overlaps the snapshot window", () =>
    refuse(
      "dev",
      { snapshotWindow: "04:00-05:00", maintenanceWindow: "sun:04:30-sun:05:30" },
      /"b2b-commerce:cache.maintenanceWindow" is "sun:04:30-sun:05:30"; allowed: a window that does not overlap/,
    ));
  it("refuses an unknown field", () => refuse("dev", { nodes: 2 }, /"b2b-commerce:cache.nodes" is 2; allowed: no such field/));
});
