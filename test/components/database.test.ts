import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError, loadConfig } from "../../infra/config";
import { windowsOverlap, parseBackupWindow, parseMaintenanceWindow } from "../../infra/sections/database";
import { connectionBudget, maxConnections } from "../../lib/rds";
import { profiles } from "../../stacks";
import { ofType, projectName, readStackConfig, RegisteredResource, SECRET_MASK, StackRun } from "../../tools/harness";
import { MOCK_RANDOM_PASSWORD } from "../../tools/mocks";
import { plaintextLeaks } from "../support/secrets";
import { StackName, stackRun, stackRunWith } from "../support/stacks";

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const INSTANCE = "aws:rds/instance:Instance";
const STACKS = {
  dev: { instanceClass: "db.t4g.medium", multiAz: false, replicas: 0, retention: 1, prod: false, proxy: false, logDays: 14 },
  staging: { instanceClass: "db.m7g.large", multiAz: true, replicas: 1, retention: 7, prod: false, proxy: true, logDays: 30 },
  prod: { instanceClass: "db.r7g.xlarge", multiAz: true, replicas: 2, retention: 14, prod: true, proxy: true, logDays: 365 },
} as const;
const DR_REPLICA = { vpcId: "vpc-0d0000000000000e1", subnetIds: ["subnet-0d000000000000a1", "subnet-0d000000000000b2"] };

function named(run: StackRun, type: string, name: string): RegisteredResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  assert.ok(found, `${type} "${name}" was not registered`);
  return found;
}
const inputs = (r: RegisteredResource) => r.inputs as Inputs;
const policyOf = (r: RegisteredResource) => JSON.parse(inputs(r).policy as string) as { Statement: Inputs[] };
const replicasOf = (run: StackRun) => ofType(run, INSTANCE).filter((r) => /^replica-/.test(r.name));
const instancesOf = (run: StackRun) => ofType(run, INSTANCE).filter((r) => r.name !== "dr-replica");
const keyArn = (run: StackRun, name: string) => `arn:aws:kms:eu-central-1:111122223333:key/${name}-id`;

for (const [stack, want] of Object.entries(STACKS)) {
  describe(`database (${stack})`, () => {
    let run: StackRun;
    let primary: Inputs;
    before(async () => {
      run = await stackRun(stack as StackName);
      primary = inputs(named(run, INSTANCE, "primary"));
    });

    it(`runs PostgreSQL at the pinned version 17.9 with automatic minor upgrades off`, () => {
      assert.equal(primary.engine, "postgres");
      assert.equal(primary.engineVersion, "17.9");
      for (const r of instancesOf(run)) assert.equal(inputs(r).autoMinorVersionUpgrade, false, r.name);
    });

    it(`uses ${want.instanceClass} ${want.multiAz ? "with" : "without"} Multi-AZ for the primary`, () => {
      assert.equal(primary.instanceClass, want.instanceClass);
      assert.equal(primary.multiAz, want.multiAz);
    });

    it("places the primary in the isolated subnets through its own subnet group, not publicly accessible", () => {
      const group = inputs(named(run, "aws:rds/subnetGroup:SubnetGroup", "db-subnets"));
      assert.deepEqual(group.subnetIds, run.outputs.isolatedSubnetIds);
      assert.equal(primary.dbSubnetGroupName, group.name);
      for (const r of instancesOf(run)) assert.equal(inputs(r).publiclyAccessible, false, r.name);
    });

    it(`has ${want.replicas} read replica(s) of the primary, each in a different AZ`, () => {
      const replicas = replicasOf(run);
      assert.equal(replicas.length, want.replicas);
      const azs = replicas.map((r) => inputs(r).availabilityZone as string);
      assert.equal(new Set(azs).size, azs.length, `replica AZs ${azs.join(", ")}`);
      for (const r of replicas) {
        assert.equal(inputs(r).replicateSourceDb, primary.identifier);
        assert.match(inputs(r).availabilityZone, /^eu-central-1[abc]$/);
        assert.equal(inputs(r).instanceClass, want.instanceClass);
      }
    });

    it("stores data on gp3 encrypted with the customer-managed database key (rotation on), with storage autoscaling", () => {
      const key = inputs(named(run, "aws:kms/key:Key", "db-key"));
      assert.equal(key.enableKeyRotation, true);
      for (const r of instancesOf(run)) {
        const i = inputs(r);
        assert.equal(i.storageType, "gp3", r.name);
        assert.equal(i.storageEncrypted, true, r.name);
        assert.equal(i.kmsKeyId, keyArn(run, "db-key"), r.name);
        assert.ok(i.maxAllocatedStorage > primary.allocatedStorage, `${r.name} autoscaling ceiling`);
      }
    });

    it("admits 5432 only from the proxy's group (without a proxy: the flow table's clients), with no inline or CIDR rules", () => {
      const dbSg = named(run, "aws:ec2/securityGroup:SecurityGroup", "db-sg");
      const ingress = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
        (r) => inputs(r).securityGroupId === "db-sg-id",
      );
      const peers = ingress.map((r) => inputs(r).referencedSecurityGroupId).sort();
      // Without a proxy the workloads connect to the database itself, admitted by the flow table's rule.
      const nodes = run.outputs.clusterNodeSecurityGroupId as string;
      // The rotation and bootstrap functions log in too (testSecret, the users' SQL).
      assert.deepEqual(peers.sort(), (want.proxy ? ["db-functions-sg-id", "proxy-sg-id"] : ["db-functions-sg-id", nodes]).sort());
      for (const r of ingress) {
        assert.equal(inputs(r).fromPort, 5432);
        assert.equal(inputs(r).toPort, 5432);
        assert.equal(inputs(r).ipProtocol, "tcp");
        assert.equal(inputs(r).cidrIpv4, undefined);
      }
      for (const sg of ofType(run, "aws:ec2/securityGroup:SecurityGroup").filter((r) =>
        /^(db|proxy|dr|db-functions)-sg$/.test(r.name),
      )) {
        assert.equal(inputs(sg).ingress, undefined, `${sg.name} has inline ingress`);
      }
      assert.deepEqual(primary.vpcSecurityGroupIds, ["db-sg-id"]);
      assert.ok(dbSg);
    });

    it("uses its own postgres17 parameter group with rds.force_ssl=1, slow-query and connection logs, pg_stat_statements", () => {
      const group = inputs(named(run, "aws:rds/parameterGroup:ParameterGroup", "db-params"));
      assert.equal(group.family, "postgres17");
      const params = Object.fromEntries((group.parameters as Inputs[]).map((p) => [p.name, p]));
      assert.equal(params["rds.force_ssl"].value, "1");
      assert.equal(params.log_min_duration_statement.value, "1000");
      assert.equal(params.log_connections.value, "1");
      assert.equal(params.log_disconnections.value, "1");
      assert.equal(params.shared_preload_libraries.value, "pg_stat_statements");
      assert.equal(params.shared_preload_libraries.applyMethod, "pending-reboot");
      for (const r of instancesOf(run)) assert.equal(inputs(r).parameterGroupName, group.name, r.name);
    });

    it(`keeps ${want.retention} day(s) of backups, copies tags to snapshots, and its windows do not overlap`, () => {
      assert.equal(primary.backupRetentionPeriod, want.retention);
      assert.ok(primary.backupRetentionPeriod >= profiles[stack as keyof typeof STACKS].database.backupRetentionDays);
      for (const r of instancesOf(run)) assert.equal(inputs(r).copyTagsToSnapshot, true, r.name);
      const backup = parseBackupWindow(primary.backupWindow);
      const maintenance = parseMaintenanceWindow(primary.maintenanceWindow);
      assert.ok(backup && maintenance);
      assert.equal(windowsOverlap(backup, maintenance), false);
    });

    it(
      want.prod
        ? "protects the primary, its key and its secret; deletion protection and a named final snapshot are on"
        : "can be destroyed freely: no protect, no deletion protection, no final snapshot",
      () => {
        assert.equal(named(run, INSTANCE, "primary").protect, want.prod);
        assert.equal(named(run, "aws:kms/key:Key", "db-key").protect, want.prod);
        assert.equal(named(run, "aws:secretsmanager/secret:Secret", "master-secret").protect, want.prod);
        for (const r of instancesOf(run)) assert.equal(inputs(r).deletionProtection, want.prod, r.name);
        assert.equal(primary.skipFinalSnapshot, !want.prod);
        if (want.prod) assert.equal(primary.finalSnapshotIdentifier, `${primary.identifier}-final`);
        else assert.equal(primary.finalSnapshotIdentifier, undefined);
      },
    );

    it(
      want.prod
        ? "replicates automated backups to the DR region, encrypted with a rotating key of that region"
        : "replicates no backups to another region",
      () => {
        const replication = ofType(run, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication");
        if (!want.prod) return assert.equal(replication.length, 0);
        assert.equal(replication.length, 1);
        const drKey = named(run, "aws:kms/key:Key", "db-dr-key");
        assert.equal(inputs(drKey).enableKeyRotation, true);
        assert.match(drKey.provider ?? "", /::aws-dr$/);
        assert.match(replication[0].provider ?? "", /::aws-dr$/);
        assert.equal(inputs(replication[0]).kmsKeyId, keyArn(run, "db-dr-key"));
        assert.equal(inputs(replication[0]).retentionPeriod, 14);
        assert.equal(
          inputs(replication[0]).sourceDbInstanceArn,
          "arn:aws:rds:eu-central-1:111122223333:db:" + primary.identifier,
        );
        assert.equal(replication[0].protect, true);
      },
    );

    it("turns on Database Insights standard mode, Performance Insights (7 days, our key) and Enhanced Monitoring", () => {
      const role = named(run, "aws:iam/role:Role", "monitoring-role");
      const trust = JSON.parse(inputs(role).assumeRolePolicy);
      assert.deepEqual(trust.Statement[0].Principal, { Service: "monitoring.rds.amazonaws.com" });
      const attachment = inputs(named(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "monitoring-policy"));
      assert.equal(attachment.policyArn, "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole");
      for (const r of instancesOf(run)) {
        const i = inputs(r);
        assert.equal(i.databaseInsightsMode, "standard", r.name);
        assert.equal(i.performanceInsightsEnabled, true, r.name);
        assert.equal(i.performanceInsightsRetentionPeriod, 7, r.name);
        assert.equal(i.performanceInsightsKmsKeyId, keyArn(run, "db-key"), r.name);
        assert.ok(i.monitoringInterval > 0, r.name);
        assert.equal(i.monitoringRoleArn, `arn:aws:iam::111122223333:role/${inputs(role).name}`);
      }
    });

    it(`exports postgresql and upgrade logs into encrypted groups it creates first, kept ${want.logDays} days`, () => {
      for (const r of instancesOf(run)) {
        const i = inputs(r);
        assert.deepEqual(i.enabledCloudwatchLogsExports, ["postgresql", "upgrade"], r.name);
        for (const log of ["postgresql", "upgrade"]) {
          const group = named(run, "aws:cloudwatch/logGroup:LogGroup", `${r.name}-${log}-logs`);
          assert.equal(inputs(group).name, `/aws/rds/instance/${i.identifier}/${log}`);
          assert.equal(inputs(group).retentionInDays, want.logDays);
          assert.equal(inputs(group).kmsKeyId, keyArn(run, "db-key"));
          assert.ok(r.dependencies.includes(group.urn), `${r.name} must wait for ${group.name}`);
        }
      }
    });

    it("alarms on CPU, free storage, freeable memory and connections per instance, and replica lag per replica, to the alert topic", () => {
      // The home region's (the DR replica's alarms live in the DR region: dr-alerts.test.ts).
      const alarms = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter(
        (a) => inputs(a).namespace === "AWS/RDS" && !a.name.startsWith("alarm-postgres-dr-"),
      );
      const metricsOf = (id: string) =>
        alarms
          .filter((a) => inputs(a).dimensions.DBInstanceIdentifier === id)
          .map((a) => inputs(a).metricName)
          .sort();
      assert.deepEqual(metricsOf(primary.identifier), [
        "CPUUtilization",
        "DatabaseConnections",
        "FreeStorageSpace",
        "FreeableMemory",
      ]);
      for (const r of replicasOf(run)) {
        assert.deepEqual(metricsOf(inputs(r).identifier), [
          "CPUUtilization",
          "DatabaseConnections",
          "FreeStorageSpace",
          "FreeableMemory",
          "ReplicaLag",
        ]);
      }
      assert.equal(alarms.length, 4 + 5 * want.replicas);
      for (const a of alarms) {
        assert.deepEqual(inputs(a).alarmActions, [run.outputs.alertTopicArn], a.name);
        assert.deepEqual(inputs(a).okActions, [run.outputs.alertTopicArn], a.name);
        // The same severities as every other alarm of the platform; storage and connections page.
        const severity = (inputs(a).tags as Record<string, string>).Severity;
        assert.equal(severity, /free-storage|connections/.test(a.name) ? "critical" : "warning", a.name);
        assert.ok(String(inputs(a).alarmDescription).startsWith(`[${severity}] `), a.name);
      }
      const connections = alarms.find((a) => a.name === "primary-connections")!;
      assert.equal(inputs(connections).threshold, Math.floor(maxConnections(want.instanceClass) * 0.8));
    });

    it("turns on IAM database authentication on every instance", () => {
      for (const r of instancesOf(run)) assert.equal(inputs(r).iamDatabaseAuthenticationEnabled, true, r.name);
    });

    if (want.proxy) {
      it("puts RDS Proxy in front of the primary with TLS required and IAM authentication end to end (no secret logins)", () => {
        const proxy = inputs(named(run, "aws:rds/proxy:Proxy", "proxy"));
        assert.equal(proxy.engineFamily, "POSTGRESQL");
        assert.equal(proxy.requireTls, true);
        assert.equal(proxy.defaultAuthScheme, "IAM_AUTH");
        assert.equal(proxy.auths, undefined, "no auth entry: no secret-based login through the proxy");
        assert.deepEqual(proxy.vpcSubnetIds, run.outputs.isolatedSubnetIds);
        assert.deepEqual(proxy.vpcSecurityGroupIds, ["proxy-sg-id"]);
        const target = inputs(named(run, "aws:rds/proxyTarget:ProxyTarget", "proxy-target"));
        assert.equal(target.dbInstanceIdentifier, primary.identifier);
        const pool = inputs(named(run, "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", "proxy-target-group"));
        assert.equal(pool.connectionPoolConfig.maxConnectionsPercent, 80);
      });

      it("lets the proxy's role connect as the service users only (never the master user), to this instance only", () => {
        const role = inputs(named(run, "aws:iam/role:Role", "proxy-role"));
        assert.deepEqual(JSON.parse(role.assumeRolePolicy).Statement[0].Principal, { Service: "rds.amazonaws.com" });
        const statements = policyOf(named(run, "aws:iam/rolePolicy:RolePolicy", "proxy-connect")).Statement;
        assert.equal(statements.length, 1);
        assert.equal(statements[0].Action, "rds-db:connect");
        const id = named(run, "aws:rds/instance:Instance", "primary").attributes!.resourceId;
        assert.deepEqual(
          statements[0].Resource,
          ["api", "workers"].map((u) => `arn:aws:rds-db:eu-central-1:111122223333:dbuser:${id}/${u}`),
        );
        assert.equal(
          ofType(run, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.startsWith("proxy-")).length,
          1,
          "no secret read",
        );
      });

      it("lets the proxy's group reach only the database on 5432", () => {
        const egress = ofType(run, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter(
          (r) => inputs(r).securityGroupId === "proxy-sg-id",
        );
        assert.deepEqual(
          egress.map((r) => [inputs(r).referencedSecurityGroupId, inputs(r).fromPort, inputs(r).toPort]),
          [["db-sg-id", 5432, 5432]],
        );
      });
    } else {
      it("has no RDS Proxy (profile switch off: it bills at least 2 vCPU-hours)", () => {
        assert.equal(ofType(run, "aws:rds/proxy:Proxy").length, 0);
        assert.equal(run.outputs.databaseProxyEndpoint, undefined);
      });
    }

    it("keeps the master password in its own secret, encrypted with the database key and rotated every 30 days from the start", () => {
      const secret = inputs(named(run, "aws:secretsmanager/secret:Secret", "master-secret"));
      assert.equal(secret.kmsKeyId, keyArn(run, "db-key"));
      assert.equal(secret.tags.DataClassification, "restricted");
      const rotation = inputs(named(run, "aws:secretsmanager/secretRotation:SecretRotation", "master-rotation"));
      assert.equal(rotation.rotateImmediately, true);
      assert.equal(rotation.rotationRules.automaticallyAfterDays, 30);
      assert.equal(
        rotation.rotationLambdaArn,
        `arn:aws:lambda:eu-central-1:111122223333:function:b2b-commerce-${stack}-postgres-rotation`,
      );
      assert.equal(primary.manageMasterUserPassword, undefined, "RDS-managed passwords block read replicas");
    });

    it("lets the rotation function change only this secret and this instance's password", () => {
      const statements = policyOf(named(run, "aws:iam/rolePolicy:RolePolicy", "rotation-policy")).Statement;
      const byAction = (a: string) => statements.filter((s) => ([] as string[]).concat(s.Action).includes(a));
      assert.equal(byAction("secretsmanager:PutSecretValue")[0].Resource, run.outputs.databaseSecretArn);
      assert.equal(
        byAction("rds:ModifyDBInstance")[0].Resource,
        `arn:aws:rds:eu-central-1:111122223333:db:${primary.identifier}`,
      );
      // "*" only where AWS has no resource type: GetRandomPassword and the ENI Describe calls of a function in the VPC.
      const wildcard = statements.filter((s) => s.Resource === "*");
      assert.deepEqual(
        wildcard.map((s) => s.Action),
        [
          "secretsmanager:GetRandomPassword",
          ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"],
        ],
      );
      const permission = inputs(named(run, "aws:lambda/permission:Permission", "rotation-invoke"));
      assert.equal(permission.principal, "secretsmanager.amazonaws.com");
      assert.equal(permission.sourceArn, run.outputs.databaseSecretArn);
    });

    it("holds no password in any output, config value or registered input", () => {
      // MOCK_RANDOM_PASSWORD is what the mocked GetRandomPassword returns (planted; secrets.test.ts finds it leaked).
      assert.deepEqual(plaintextLeaks(run, [MOCK_RANDOM_PASSWORD]), [], "the bootstrap password leaked");
      // The only password-bearing input is the write-only bootstrap password, and it is a secret.
      assert.equal(primary.passwordWo, SECRET_MASK);
      // The account password policy holds rules about passwords (length, reuse), never a password.
      for (const r of run.resources.filter((x) => x.type !== "aws:iam/accountPasswordPolicy:AccountPasswordPolicy")) {
        for (const key of Object.keys(r.inputs)) {
          if (/password/i.test(key))
            assert.ok(r.name === "primary" && /^passwordWo(Version)?$/.test(key), `${r.type} ${r.name}.${key}`);
        }
      }
      // (The alert receivers' webhook and routing key are config secrets Pulumi stores anyway: components/alerting.)
      const versions = ofType(run, "aws:secretsmanager/secretVersion:SecretVersion").filter(
        (r) => !r.urn.includes("b2b:alerting:"),
      );
      assert.equal(versions.length, 0, "Pulumi writes no database secret value");
      for (const key of Object.keys(run.outputs)) assert.doesNotMatch(key, /password/i);
      const config = readStackConfig(stack);
      for (const [key, value] of Object.entries(config)) {
        assert.doesNotMatch(key, /password|secret/i);
        assert.doesNotMatch(value, /password/i);
      }
      assert.doesNotMatch(JSON.stringify(profiles[stack as keyof typeof STACKS].database), /password/i);
    });

    it("exports writer, reader and proxy endpoints, the port and the secret ARN", () => {
      assert.equal(run.outputs.databaseWriterEndpoint, `${primary.identifier}.cmock0example.eu-central-1.rds.amazonaws.com`);
      assert.equal(Object.keys(run.outputs.databaseReaderEndpoints as object).length, want.replicas);
      for (const r of replicasOf(run)) {
        assert.equal(
          (run.outputs.databaseReaderEndpoints as Inputs)[r.name],
          `${inputs(r).identifier}.cmock0example.eu-central-1.rds.amazonaws.com`,
        );
      }
      if (want.proxy) assert.match(String(run.outputs.databaseProxyEndpoint), /\.proxy-/);
      assert.equal(run.outputs.databasePort, 5432);
      assert.match(String(run.outputs.databaseSecretArn), /^arn:aws:secretsmanager:eu-central-1:111122223333:secret:/);
    });

    it("publishes the rds-db:connect resources of the writer path and of each replica for the services' IAM policies", () => {
      const component = Object.entries(run.componentOutputs).find(([urn]) => urn.endsWith("b2b:database:Database::database"));
      assert.ok(component);
      const arns = component[1].connectResourceArns as string[];
      assert.equal(arns.length, 1 + want.replicas);
      const writer = want.proxy ? "prx-proxy-id" : "db-B2BCOMMERCEDEVPOSTGRES";
      assert.equal(arns[0], `arn:aws:rds-db:eu-central-1:111122223333:dbuser:${writer}`);
    });

    it("tags the data stores with their DataClassification", () => {
      assert.equal(primary.tags.DataClassification, "confidential");
      assert.equal(inputs(named(run, "aws:kms/key:Key", "db-key")).tags.DataClassification, "confidential");
      assert.equal(primary.tagsAll.Environment, stack);
    });
  });
}

describe("database (prod with a DR replica)", () => {
  let run: StackRun;
  // An existing VPC of the DR region instead of the DR network this program builds (dr.replica off).
  const requested = stackRunWith("prod", {
    config: { database: JSON.stringify({ drReplica: DR_REPLICA }), dr: JSON.stringify({ replica: false }) },
  });
  before(async () => {
    run = await requested;
  });

  it("creates a cross-region replica of the primary in the DR region, encrypted with the DR key", () => {
    const dr = named(run, INSTANCE, "dr-replica");
    const i = inputs(dr);
    assert.match(dr.provider ?? "", /::aws-dr$/);
    assert.equal(i.replicateSourceDb, "arn:aws:rds:eu-central-1:111122223333:db:b2b-commerce-prod-postgres");
    assert.equal(i.kmsKeyId, keyArn(run, "db-dr-key"));
    assert.equal(i.performanceInsightsKmsKeyId, keyArn(run, "db-dr-key"));
    assert.equal(i.storageEncrypted, true);
    assert.equal(i.publiclyAccessible, false);
    assert.equal(i.deletionProtection, true);
    const group = inputs(named(run, "aws:rds/subnetGroup:SubnetGroup", "dr-subnets"));
    assert.deepEqual(group.subnetIds, DR_REPLICA.subnetIds);
    assert.equal(i.dbSubnetGroupName, group.name);
    const params = named(run, "aws:rds/parameterGroup:ParameterGroup", "dr-db-params");
    assert.match(params.provider ?? "", /::aws-dr$/);
    assert.equal(i.parameterGroupName, inputs(params).name);
  });

  it("admits no traffic at all to the DR replica until a failover", () => {
    const rules = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
      (r) => inputs(r).securityGroupId === "dr-sg-id",
    );
    assert.equal(rules.length, 0);
    assert.deepEqual(inputs(named(run, INSTANCE, "dr-replica")).vpcSecurityGroupIds, ["dr-sg-id"]);
  });
});

describe("database config", () => {
  const project = projectName();
  const load = (stack: string, database: object) =>
    loadConfig(project, stack, { ...readStackConfig(stack), [`${project}:database`]: JSON.stringify(database) });
  const problems = (stack: string, database: object): string[] => {
    try {
      load(stack, database);
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      assert.match(e.message, new RegExp(`stack "${stack}"`));
      return e.problems;
    }
    assert.fail("expected a ConfigError");
  };
  const only = (list: string[], part: string) => {
    const hit = list.filter((p) => p.includes(part));
    assert.equal(hit.length, 1, `expected one problem with ${part}, got: ${list.join(" | ")}`);
    return hit[0];
  };

  it("computes max_connections as LEAST(memory/9531392, 5000) and the budget from the proxy's percentage", () => {
    assert.equal(maxConnections("db.t4g.medium"), 450);
    assert.equal(maxConnections("db.r7g.xlarge"), 3604);
    assert.equal(maxConnections("db.r7g.4xlarge"), 5000);
    assert.equal(connectionBudget("db.r7g.xlarge", 80), 2883);
  });

  it("accepts every stack file as it is", () => {
    for (const stack of Object.keys(STACKS)) assert.equal(load(stack, {}).database.engineVersion, "17.9");
  });

  it("rejects a maintenance window that overlaps the backup window, naming both", () => {
    const p = only(
      problems("prod", { backupWindow: "03:30-04:00", maintenanceWindow: "sun:03:00-sun:04:00" }),
      "maintenanceWindow",
    );
    assert.match(p, /config key "b2b-commerce:database.maintenanceWindow" is "sun:03:00-sun:04:00"; allowed: /);
    assert.match(p, /does not overlap the daily backup window "03:30-04:00"/);
  });

  it("sees overlaps across midnight and across the end of the week", () => {
    assert.equal(windowsOverlap(parseBackupWindow("23:45-00:15")!, parseMaintenanceWindow("mon:00:00-mon:01:00")!), true);
    assert.equal(windowsOverlap(parseBackupWindow("01:00-01:30")!, parseMaintenanceWindow("sun:23:30-mon:01:15")!), true);
    assert.equal(windowsOverlap(parseBackupWindow("03:00-03:30")!, parseMaintenanceWindow("sun:03:30-sun:04:30")!), false);
  });

  it("rejects malformed or too short windows", () => {
    const list = problems("dev", { backupWindow: "1:00-2:00", maintenanceWindow: "sun:03:00-sun:03:10" });
    assert.match(
      only(list, "database.backupWindow"),
      /is "1:00-2:00"; allowed: a daily UTC window "hh:mm-hh:mm" of at least 30 minutes/,
    );
    assert.match(only(list, "database.maintenanceWindow"), /"sun:03:00-sun:03:10"; allowed: a weekly UTC window/);
  });

  it("enforces the replica minimum per environment (staging 1, prod 2) and one replica per AZ", () => {
    assert.match(
      only(problems("prod", { replicaCount: 1 }), "replicaCount"),
      /is 1; allowed: an integer from 2 \(the prod minimum\) to 3/,
    );
    assert.match(only(problems("staging", { replicaCount: 0 }), "replicaCount"), /from 1 \(the staging minimum\)/);
    assert.match(
      only(problems("dev", { replicaCount: 3 }), "replicaCount"),
      /is 3; allowed: an integer from 0 \(the dev minimum\) to 2/,
    );
  });

  it("enforces the backup retention minimum per environment (dev 1, staging 7, prod 14)", () => {
    assert.match(
      only(problems("prod", { backupRetentionDays: 7 }), "backupRetentionDays"),
      /is 7; allowed: an integer from 14 \(the prod minimum\) to 35/,
    );
    assert.match(only(problems("staging", { backupRetentionDays: 3 }), "backupRetentionDays"), /from 7 \(the staging minimum\)/);
    assert.match(only(problems("dev", { backupRetentionDays: 0 }), "backupRetentionDays"), /from 1 \(the dev minimum\)/);
  });

  it("requires Multi-AZ and the proxy in staging and prod", () => {
    const list = problems("staging", { multiAz: false, proxy: false });
    assert.match(only(list, "database.multiAz"), /is false; allowed: true in a high-availability environment/);
    assert.match(only(list, 'database.proxy"'), /is false; allowed: true in a high-availability environment/);
  });

  it("accepts only versions of majors in RDS standard support, pinned to a minor", () => {
    assert.match(
      only(problems("dev", { engineVersion: "14.20" }), "engineVersion"),
      /is "14.20"; allowed: a pinned "major.minor" PostgreSQL version .*17 \(until 2030-02-28\)/,
    );
    assert.match(only(problems("dev", { engineVersion: "17" }), "engineVersion"), /is "17"/);
  });

  it("rejects a password field and other unknown fields", () => {
    const p = only(problems("dev", { password: "hunter2hunter2" }), "database.password");
    assert.match(p, /allowed: no such field/);
  });

  it("rejects a DR replica without a DR region and a DR region equal to the stack's region", () => {
    assert.match(only(problems("staging", { drReplica: DR_REPLICA }), "drReplica"), /only together with database.drRegion/);
    assert.match(only(problems("prod", { drRegion: "eu-central-1" }), "drRegion"), /other than the stack's region eu-central-1/);
  });
});

describe("database functions (code)", () => {
  const dir = path.join(__dirname, "../../components/database/functions");

  it("is valid JavaScript for the Node.js runtime", () => {
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".mjs")))
      execFileSync(process.execPath, ["--check", path.join(dir, f)]);
  });

  it("ships the pg client and its dependencies with the code, from this repository's pinned install", async () => {
    const { functionCode } = await import("../../components/database/functions");
    const assets = Object.keys(await functionCode().assets);
    for (const name of [
      "rotation.mjs",
      "bootstrap.mjs",
      "sql.mjs",
      "db.mjs",
      "node_modules/pg",
      "node_modules/pg-protocol",
      "node_modules/pg-types",
    ])
      assert.ok(assets.includes(name), `${name} missing from ${assets.join(", ")}`);
  });
});
