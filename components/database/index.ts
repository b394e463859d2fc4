import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DatabaseSettings } from "../../infra/sections/database";
import { Naming } from "../../lib/naming";
import { INSTANCE_CLASS_MEMORY_GIB, maxConnections, memoryBytes } from "../../lib/rds";
import { Runbooks } from "../../lib/runbooks";
import { createInstanceAlarms } from "./alarms";
import { createBootstrap } from "./bootstrap";
import { createRotation, createSecret } from "./credentials";
import { createDrReplicaAlerts } from "./dr-alerts";
import { createKeys } from "./encryption";
import { createInstanceLogGroups, createMonitoringRole, EXPORTED_LOGS } from "./monitoring";
import { createDatabaseNetwork, POSTGRES_PORT } from "./network";
import { createParameterGroup } from "./parameters";
import { createProxy } from "./proxy";

/** The validated `database` config section (infra/sections/database.ts) and what the program wires in. */
/** Where the cross-region replica runs (the DR network, or an existing VPC of the DR region). */
export interface DrReplicaPlacement {
  vpcId: pulumi.Input<string>;
  /** At least two subnets (in different AZs), with no route to an internet gateway. */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Client CIDRs of the DR region (the DR cluster's private subnets), admitted on 5432 once promoted. */
  clientCidrs?: string[];
}

/**
 * The DR replica's role: `replica` (pilot light: replicates from the primary), `promoted` (a
 * failover: a standalone writer, backups still off, as RDS promotes), `active` (promoted, backups
 * re-enabled with the primary's retention, Multi-AZ): a promotion is two `pulumi up`s, because RDS
 * re-enables backups on a promoted replica only in a second modification.
 */
export type DrReplicaRole = "replica" | "promoted" | "active";

export interface DatabaseArgs extends Omit<DatabaseSettings, "drReplica"> {
  /** A cross-region read replica (needs `drProvider`). */
  drReplica?: DrReplicaPlacement;
  /** The DR replica's role. Default `replica`. */
  drReplicaRole?: DrReplicaRole;
  /** Builds physical names (`<project>-<stack>-<name>`). */
  naming: Naming;
  /** The VPC of the database. */
  vpcId: pulumi.Input<string>;
  /** Isolated subnets (no route to the internet), one per AZ: the subnet group and the proxy use them. */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** AZ names of those subnets, in order; replica `n` is placed in AZ `n` (so replicas never share an AZ). */
  availabilityZones: string[];
  /** The workloads' database users (the flow table's workloads with a database flow); created by the bootstrap step. */
  serviceUsers: string[];
  /** Private subnets the rotation and bootstrap functions run in (they log in to the database). */
  functionSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The VPC endpoints' group when the stack has interface endpoints (the functions reach Secrets Manager there). */
  endpointSecurityGroupId?: pulumi.Input<string>;
  /** The stack's alert topic; every alarm publishes to it on ALARM and OK. */
  alertTopicArn: pulumi.Input<string>;
  /** Enhanced Monitoring interval in seconds (1, 5, 10, 15, 30 or 60). Default 60. */
  monitoringIntervalSeconds?: number;
  /** Provider of the DR region: automated backups are replicated there. Default: none. */
  drProvider?: aws.Provider;
  /** The DR region's alert topic: the DR replica's lag, events and undelivered events alert there. Default: no DR alerts. */
  drAlertTopicArn?: pulumi.Input<string>;
  /** Name of the application database. Default `commerce`. */
  databaseName?: string;
  /** Master user name (its password lives only in the rotated secret). Default `commerce_admin`. */
  masterUsername?: string;
  /** Links every alarm to its page under docs/runbooks. */
  runbooks: Runbooks;
  /** `protect`, deletion protection and a final snapshot (prod). */
  protect: boolean;
}

/**
 * RDS for PostgreSQL: a Multi-AZ primary in the isolated subnets, read replicas in distinct AZs, an
 * optional cross-region replica, RDS Proxy (TLS + IAM) in front of the writer, a rotated master
 * secret, our own parameter group, encrypted exported logs, Performance Insights and Database
 * Insights (standard), Enhanced Monitoring and alarms. See docs/database.md.
 */
export class Database extends pulumi.ComponentResource {
  /** DNS name of the primary (writer). */
  readonly writerEndpoint: pulumi.Output<string>;
  /** DNS names of the same-region replicas, by replica key (`replica-a`, ...). */
  readonly readerEndpoints: pulumi.Output<Record<string, string>>;
  /** DNS name of the proxy (writer through the pool); undefined without a proxy. */
  readonly proxyEndpoint: pulumi.Output<string | undefined>;
  readonly port: number;
  /** ARN of the master secret (never its value). */
  readonly secretArn: pulumi.Output<string>;
  /** The database's security group. */
  readonly securityGroupId: pulumi.Output<string>;
  /** The group clients connect to: the proxy's, or without a proxy the database's (the flow table admits workloads there). */
  readonly clientSecurityGroupId: pulumi.Output<string>;
  /**
   * `rds-db:connect` resource prefixes for the services' IAM policies: the proxy (writer) and each
   * same-region replica (readers), as `arn:<partition>:rds-db:<region>:<account>:dbuser:<resource-id>`;
   * a policy appends `/<database user>`. Without a proxy the primary takes the proxy's place.
   */
  readonly connectResourceArns: pulumi.Output<string[]>;
  /** ARN of the cross-region replica, when there is one. */
  readonly drReplicaArn: pulumi.Output<string | undefined>;
  /** ARN of the primary (AWS Backup selects it; FIS reboots it). */
  readonly primaryArn: pulumi.Output<string>;
  /** The DB subnet group (restore tests restore into it). */
  readonly subnetGroupName: pulumi.Output<string>;
  /** The critical alarms' ARNs (fault-injection experiments stop on them). */
  readonly criticalAlarmArns: pulumi.Output<string>[];
  /** Identifier and ARN of the primary (the out-of-hours schedule stops and starts it). */
  readonly primaryIdentifier: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:database:Database", name, {}, opts);
    const { naming } = args;
    const { protect, replicaCount, logRetentionDays, proxy: useProxy } = args;
    const monitoringInterval = args.monitoringIntervalSeconds ?? 60;
    if (INSTANCE_CLASS_MEMORY_GIB[args.instanceClass] === undefined) {
      throw new Error(`Database ${name}: unknown instance class ${args.instanceClass}`);
    }
    if (replicaCount > args.availabilityZones.length) {
      throw new Error(`Database ${name}: ${replicaCount} replicas need as many AZs, got ${args.availabilityZones.length}`);
    }
    if (args.drReplica && !args.drProvider) throw new Error(`Database ${name}: drReplica needs drProvider`);

    const keys = createKeys(this, { naming, protect, drProvider: args.drProvider });
    const accountId = keys.identity.accountId;
    const partition = keys.identity.arn.apply((arn) => arn.split(":")[1] ?? "aws");
    const region = keys.region.region;
    const net = createDatabaseNetwork(this, {
      naming,
      vpcId: args.vpcId,
      subnetIds: args.subnetIds,
      proxy: useProxy,
      endpointSecurityGroupId: args.endpointSecurityGroupId,
    });
    const parameterGroup = createParameterGroup(this, naming, args.engineVersion);
    const monitoringRole = createMonitoringRole(this, naming, accountId, partition);
    const credentials = createSecret(this, { naming, kmsKeyArn: keys.key.arn, protect, logRetentionDays });

    /** Settings every instance (primary and replicas) shares. */
    const common: aws.rds.InstanceArgs = {
      instanceClass: args.instanceClass,
      storageType: "gp3",
      storageEncrypted: true,
      maxAllocatedStorage: args.maxAllocatedStorage,
      publiclyAccessible: false,
      port: POSTGRES_PORT,
      iamDatabaseAuthenticationEnabled: true,
      autoMinorVersionUpgrade: false,
      caCertIdentifier: "rds-ca-rsa2048-g1",
      copyTagsToSnapshot: true,
      maintenanceWindow: args.maintenanceWindow,
      monitoringInterval,
      monitoringRoleArn: monitoringRole.arn,
      // Database Insights standard mode (free); RDS now defaults new instances to the paid Advanced
      // mode. Standard mode keeps 7 days of Performance Insights, the free tier, encrypted with our key.
      databaseInsightsMode: "standard",
      performanceInsightsEnabled: true,
      performanceInsightsRetentionPeriod: 7,
      deletionProtection: protect,
      // Changes wait for the maintenance window unless an operator applies them.
      applyImmediately: false,
    };

    const primaryId = naming.physical("postgres", "rdsIdentifier");
    const primaryLogs = createInstanceLogGroups(this, "primary", primaryId, logRetentionDays, keys.key.arn, protect);
    const primary = new aws.rds.Instance(
      "primary",
      {
        ...common,
        identifier: primaryId,
        engine: "postgres",
        engineVersion: args.engineVersion,
        allocatedStorage: args.allocatedStorage,
        kmsKeyId: keys.key.arn,
        performanceInsightsKmsKeyId: keys.key.arn,
        multiAz: args.multiAz,
        dbSubnetGroupName: net.subnetGroup.name,
        vpcSecurityGroupIds: [net.dbSg.id],
        parameterGroupName: parameterGroup.name,
        dbName: args.databaseName ?? "commerce",
        username: args.masterUsername ?? "commerce_admin",
        // Bootstrap only: replaced by the immediate rotation (credentials.ts explains why).
        passwordWo: credentials.bootstrapPassword,
        passwordWoVersion: 1,
        backupRetentionPeriod: args.backupRetentionDays,
        backupWindow: args.backupWindow,
        deleteAutomatedBackups: !protect,
        skipFinalSnapshot: !protect,
        finalSnapshotIdentifier: protect ? `${primaryId}-final` : undefined,
        enabledCloudwatchLogsExports: [...EXPORTED_LOGS],
        tags: { Name: primaryId, DataClassification: "confidential" },
      },
      { parent: this, protect, dependsOn: primaryLogs },
    );

    const rotation = createRotation(this, {
      naming,
      kmsKeyArn: keys.key.arn,
      protect,
      logRetentionDays,
      secret: credentials.secret,
      instance: primary,
      accountId,
      partition,
      region,
      subnetIds: args.functionSubnetIds,
      securityGroupId: net.functionsSg.id,
    });
    createBootstrap(this, {
      naming,
      users: args.serviceUsers,
      secret: credentials.secret,
      instance: primary,
      kmsKeyArn: keys.key.arn,
      logRetentionDays,
      protect,
      subnetIds: args.functionSubnetIds,
      securityGroupId: net.functionsSg.id,
      accountId,
      partition,
      region,
      dependsOn: [rotation.rotation],
    });

    const alarmBase = {
      naming,
      topicArn: args.alertTopicArn,
      allocatedStorageGiB: args.allocatedStorage,
      memoryBytes: memoryBytes(args.instanceClass),
      maxConnections: maxConnections(args.instanceClass),
      runbooks: args.runbooks,
    };
    const criticalAlarms = createInstanceAlarms(this, {
      ...alarmBase,
      key: "primary",
      identifier: primary.identifier,
      replica: false,
    }).critical;

    const replicas: Record<string, aws.rds.Instance> = {};
    for (const az of args.availabilityZones.slice(0, replicaCount)) {
      const key = `replica-${az.slice(-1)}`;
      const id = naming.physical(`postgres-${key}`, "rdsIdentifier");
      const logs = createInstanceLogGroups(this, key, id, logRetentionDays, keys.key.arn, protect);
      // A same-region replica inherits engine, version, credentials, key, subnet group and
      // parameter group from the primary; it starts with backups disabled (RDS behaviour).
      replicas[key] = new aws.rds.Instance(
        key,
        {
          ...common,
          identifier: id,
          replicateSourceDb: primary.identifier,
          availabilityZone: az,
          multiAz: false,
          kmsKeyId: keys.key.arn,
          performanceInsightsKmsKeyId: keys.key.arn,
          vpcSecurityGroupIds: [net.dbSg.id],
          parameterGroupName: parameterGroup.name,
          skipFinalSnapshot: true,
          enabledCloudwatchLogsExports: [...EXPORTED_LOGS],
          tags: { Name: id, DataClassification: "confidential" },
        },
        // Protected in prod too: a replica holds no unique data, but a mistaken `up` that deletes it
        // takes the read endpoint services are configured with away.
        { parent: this, protect, dependsOn: logs },
      );
      createInstanceAlarms(this, { ...alarmBase, key, identifier: replicas[key].identifier, replica: true });
    }

    const dbUser = (resourceId: pulumi.Input<string>) =>
      pulumi.interpolate`arn:${partition}:rds-db:${region}:${accountId}:dbuser:${resourceId}`;
    let writerConnect = dbUser(primary.resourceId);
    let proxyEndpoint: pulumi.Output<string | undefined> = pulumi.output(undefined);
    if (useProxy && net.proxySg) {
      const proxy = createProxy(this, {
        naming,
        subnetIds: args.subnetIds,
        securityGroupId: net.proxySg.id,
        instance: primary,
        serviceUsers: args.serviceUsers,
        partition,
        maxConnectionsPercent: args.proxyMaxConnectionsPercent,
        accountId,
        region,
        dependsOn: [rotation.rotation],
      });
      proxyEndpoint = proxy.proxy.endpoint;
      // The proxy's resource id (`prx-...`) is the last part of its ARN.
      writerConnect = dbUser(proxy.proxy.arn.apply((arn) => arn.split(":").pop() ?? ""));
    }

    let drReplicaArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
    if (args.drProvider && keys.drKey) {
      const provider = args.drProvider;
      // Point-in-time recovery in the DR region: automated backups copied there, re-encrypted with the DR key.
      new aws.rds.InstanceAutomatedBackupsReplication(
        "backups-dr",
        { sourceDbInstanceArn: primary.arn, kmsKeyId: keys.drKey.arn, retentionPeriod: args.backupRetentionDays },
        { parent: this, provider, protect },
      );
      if (args.drReplica) {
        const drReplica = this.createDrReplica(args, provider, keys.drKey, primary, monitoringRole, common);
        drReplicaArn = drReplica.arn;
        if (args.drAlertTopicArn !== undefined) {
          createDrReplicaAlerts(this, {
            naming,
            provider,
            topicArn: args.drAlertTopicArn,
            runbooks: args.runbooks,
            replica: drReplica,
            replicating: (args.drReplicaRole ?? "replica") === "replica",
            identity: keys.identity,
            protect,
          });
        }
      }
    }

    this.writerEndpoint = primary.address;
    this.primaryIdentifier = primary.identifier;
    this.primaryArn = primary.arn;
    this.readerEndpoints = pulumi
      .all(Object.entries(replicas).map(([k, r]) => r.address.apply((a) => [k, a] as const)))
      .apply((pairs) => Object.fromEntries(pairs));
    this.proxyEndpoint = proxyEndpoint;
    this.port = POSTGRES_PORT;
    this.secretArn = credentials.secret.arn;
    this.securityGroupId = net.dbSg.id;
    this.clientSecurityGroupId = net.clientSg.id;
    this.drReplicaArn = drReplicaArn;
    this.primaryArn = primary.arn;
    this.subnetGroupName = net.subnetGroup.name;
    this.criticalAlarmArns = criticalAlarms.map((a) => a.arn);
    this.connectResourceArns = pulumi.all([writerConnect, ...Object.values(replicas).map((r) => dbUser(r.resourceId))]);
    this.registerOutputs({
      connectResourceArns: this.connectResourceArns,
      writerEndpoint: this.writerEndpoint,
      readerEndpoints: this.readerEndpoints,
      proxyEndpoint: this.proxyEndpoint,
      port: this.port,
      secretArn: this.secretArn,
      securityGroupId: this.securityGroupId,
      clientSecurityGroupId: this.clientSecurityGroupId,
      drReplicaArn: this.drReplicaArn,
    });
  }

  /**
   * The cross-region replica: in an existing DR VPC, behind a security group with no ingress rule
   * (nothing runs in the DR region until a failover, when rules are added with the promotion),
   * encrypted with the DR key. Its logs are not exported; its alarms and event alerts live in the
   * DR region (dr-alerts.ts), on the DR region's alert topic: see docs/dr.md.
   */
  private createDrReplica(
    args: DatabaseArgs,
    provider: aws.Provider,
    drKey: aws.kms.Key,
    primary: aws.rds.Instance,
    monitoringRole: aws.iam.Role,
    common: aws.rds.InstanceArgs,
  ): aws.rds.Instance {
    const { naming } = args;
    const opts = { parent: this, provider };
    const dr = args.drReplica!;
    const subnetGroup = new aws.rds.SubnetGroup(
      "dr-subnets",
      {
        name: naming.physical("postgres-dr"),
        description: "DR replica subnets",
        subnetIds: dr.subnetIds,
        tags: { Name: naming.physical("postgres-dr") },
      },
      opts,
    );
    const role = args.drReplicaRole ?? "replica";
    const promoted = role !== "replica";
    const sg = new aws.ec2.SecurityGroup(
      "dr-sg",
      {
        name: naming.physical("postgres-dr", "securityGroup"),
        description: "PostgreSQL DR replica: no ingress until a failover",
        vpcId: dr.vpcId,
        tags: { Name: naming.physical("postgres-dr") },
      },
      opts,
    );
    // After a promotion the DR cluster's pods (its private subnets) connect; before, nothing does.
    if (promoted) {
      for (const [i, cidr] of (dr.clientCidrs ?? []).entries()) {
        new aws.vpc.SecurityGroupIngressRule(
          `dr-sg-clients-${i}`,
          {
            securityGroupId: sg.id,
            cidrIpv4: cidr,
            ipProtocol: "tcp",
            fromPort: POSTGRES_PORT,
            toPort: POSTGRES_PORT,
            description: "DR cluster after failover",
          },
          opts,
        );
      }
    }
    const parameterGroup = createParameterGroup(this, naming, args.engineVersion, "dr-db-params", provider);
    const id = naming.physical("postgres-dr", "rdsIdentifier");
    return new aws.rds.Instance(
      "dr-replica",
      {
        ...common,
        identifier: id,
        // A cross-region source is named by ARN. Removing it promotes the replica to a standalone
        // writer (Terraform AWS provider, aws_db_instance `replicate_source_db`).
        replicateSourceDb: promoted ? undefined : primary.arn,
        // Backups come back in the second step (`active`): RDS does not accept them in the promotion.
        ...(role === "active" ? { backupRetentionPeriod: args.backupRetentionDays, backupWindow: args.backupWindow } : {}),
        multiAz: role === "active",
        kmsKeyId: drKey.arn,
        performanceInsightsKmsKeyId: drKey.arn,
        monitoringRoleArn: monitoringRole.arn,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [sg.id],
        parameterGroupName: parameterGroup.name,
        skipFinalSnapshot: !promoted,
        finalSnapshotIdentifier: promoted ? `${id}-final` : undefined,
        tags: { Name: id, DataClassification: "confidential" },
      },
      // The DR copy of the data: protected like the primary.
      { ...opts, protect: args.protect },
    );
  }
}
