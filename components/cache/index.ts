import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CacheSettings } from "../../infra/sections/cache";
import { customerManagedKey, logsKeyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { createCacheAlarms } from "./alarms";
import { createCacheUsers } from "./users";

export { accessString, DEFAULT_ACCESS } from "./users";
export { CACHE_THRESHOLDS } from "./alarms";

/** Valkey's port (the ElastiCache default). */
export const CACHE_PORT = 6379;

/**
 * Parameters pinned in the cache's own parameter group (a default group can change under us).
 * - maxmemory-policy volatile-lru: when memory is full, evict the least recently used key that has
 *   a TTL. Every key the platform writes has one (docs/caching.md "TTLs"); a key written without
 *   a TTL is never dropped silently, its writes fail instead once memory is full.
 * - slowlog: commands slower than 10 ms are logged (the slow log goes to CloudWatch), last 256.
 */
export const CACHE_PARAMETERS: Readonly<Record<string, string>> = {
  "maxmemory-policy": "volatile-lru",
  "slowlog-log-slower-than": "10000",
  "slowlog-max-len": "256",
};

export interface CacheArgs extends CacheSettings {
  naming: Naming;
  vpcId: pulumi.Input<string>;
  /** Isolated subnets (no route to the internet), one per AZ. */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** AZ names of those subnets, in order: node `n` is placed in AZ `n mod count`. */
  availabilityZones: string[];
  /** Workloads with a cache flow (the flow table): each gets its own IAM-authenticated user. */
  users: string[];
  /** The stack's alert topic; every alarm publishes to it on ALARM and OK. */
  alertTopicArn: pulumi.Input<string>;
  /** Links every alarm to its page under docs/runbooks. */
  runbooks: Runbooks;
  /** Protect the replication group, its key and its log groups from deletion (prod). */
  protect: boolean;
}

/**
 * ElastiCache for Valkey: one replication group (a primary and its replicas, one shard) in the
 * isolated subnets; Multi-AZ with automatic failover where configured; encrypted at rest with its
 * own KMS key and in transit (TLS required); RBAC users authenticated with IAM, one per workload
 * of the flow table's `cache` flows (no password exists to leak or rotate); daily snapshots; slow
 * and engine logs to encrypted CloudWatch log groups; a pinned parameter group; alarms to the
 * alert topic. Who may reach it (security group rules, NetworkPolicies, `elasticache:Connect`) is
 * components/flows' business. Why Valkey and not Redis OSS: docs/caching.md.
 */
export class Cache extends pulumi.ComponentResource {
  /** Where clients write (follows the primary across failovers). */
  readonly primaryEndpoint: pulumi.Output<string>;
  /** Spreads reads over the replicas (the primary alone when there are none). */
  readonly readerEndpoint: pulumi.Output<string>;
  readonly port = CACHE_PORT;
  readonly securityGroupId: pulumi.Output<string>;
  readonly replicationGroupId: pulumi.Output<string>;
  /** `arn:<partition>:elasticache:<region>:<account>:replicationgroup:<id>` (the `elasticache:Connect` resource). */
  readonly replicationGroupArn: pulumi.Output<string>;
  /** Each workload's user id (= user name: IAM authentication requires them equal). */
  readonly userIds: Record<string, pulumi.Output<string>>;
  /** Each workload's user ARN (`...:user:<id>`), the other `elasticache:Connect` resource. */
  readonly userArns: Record<string, pulumi.Output<string>>;
  readonly keyArn: pulumi.Output<string>;
  readonly logGroupNames: { slow: pulumi.Output<string>; engine: pulumi.Output<string> };

  constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:cache:Cache", name, {}, opts);
    const { naming } = args;
    const parent = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, parent);
    const region = aws.getRegionOutput({}, parent).region;
    const partition = aws.getPartitionOutput({}, parent).partition;
    const id = naming.physical("cache", "elasticache");

    // One key for the data at rest (snapshots included) and the cache's log groups.
    const key = customerManagedKey(this, "cache-key", {
      naming,
      aliasStem: "cache",
      description: "cache at rest and its logs",
      policy: logsKeyPolicy(identity.accountId, identity.arn, region),
      protect: args.protect,
    });

    const subnetGroup = new aws.elasticache.SubnetGroup(
      "cache-subnets",
      {
        name: naming.physical("cache", "elasticache"),
        description: "Isolated subnets of the Valkey cache",
        subnetIds: args.subnetIds,
        tags: { Name: naming.physical("cache") },
      },
      parent,
    );
    // No rules here: the flow table's `cache` flows add the ingress from the workloads; the cache
    // itself never opens a connection (no egress; the provider drops AWS's default allow-all).
    const sg = new aws.ec2.SecurityGroup(
      "cache-sg",
      {
        name: naming.physical("cache", "securityGroup"),
        description: `Valkey cache: ${CACHE_PORT} from the flow table's clients only`,
        vpcId: args.vpcId,
        tags: { Name: naming.physical("cache") },
      },
      parent,
    );

    const parameters = new aws.elasticache.ParameterGroup(
      "cache-params",
      {
        name: naming.physical(`cache-${args.parameterFamily}`),
        family: args.parameterFamily,
        description: `Pinned ${args.parameterFamily} parameters of ${naming.prefix}`,
        parameters: Object.entries(CACHE_PARAMETERS).map(([n, value]) => ({ name: n, value })),
        tags: { Name: naming.physical("cache") },
      },
      parent,
    );

    const { group: userGroup, users } = createCacheUsers(this, { naming, workloads: args.users });

    const logGroup = (kind: "slow" | "engine") =>
      new aws.cloudwatch.LogGroup(
        `cache-${kind}-logs`,
        {
          name: naming.logGroup(`cache-${kind}-log`),
          retentionInDays: args.logRetentionDays,
          kmsKeyId: key.arn,
          tags: { Name: naming.physical(`cache-${kind}-log`) },
        },
        { ...parent, protect: args.protect },
      );
    const slow = logGroup("slow");
    const engine = logGroup("engine");

    const azs = args.availabilityZones;
    const group = new aws.elasticache.ReplicationGroup(
      "cache",
      {
        replicationGroupId: id,
        description: `Valkey cache of ${naming.prefix} (sessions, carts, catalogue reads)`,
        engine: "valkey",
        engineVersion: args.engineVersion,
        nodeType: args.nodeType,
        numCacheClusters: args.nodeCount,
        ...(azs.length > 0
          ? { preferredCacheClusterAzs: Array.from({ length: args.nodeCount }, (_, i) => azs[i % azs.length]) }
          : {}),
        automaticFailoverEnabled: args.multiAz,
        multiAzEnabled: args.multiAz,
        port: CACHE_PORT,
        parameterGroupName: parameters.name,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [sg.id],
        atRestEncryptionEnabled: true,
        kmsKeyId: key.arn,
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        userGroupIds: [userGroup.userGroupId],
        autoMinorVersionUpgrade: true,
        snapshotRetentionLimit: args.snapshotRetentionDays,
        snapshotWindow: args.snapshotWindow,
        maintenanceWindow: args.maintenanceWindow,
        // Deleting the group (only possible when unprotected) keeps a last snapshot in prod.
        finalSnapshotIdentifier: args.protect ? naming.physical("cache-final", "elasticache") : undefined,
        // Changes wait for the maintenance window; a node type change restarts nodes.
        applyImmediately: false,
        logDeliveryConfigurations: [
          { destination: slow.name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" },
          { destination: engine.name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "engine-log" },
        ],
        tags: { Name: naming.physical("cache"), DataClassification: "confidential" },
      },
      { ...parent, protect: args.protect },
    );

    createCacheAlarms(this, {
      naming,
      replicationGroupId: group.replicationGroupId,
      nodeCount: args.nodeCount,
      topicArn: args.alertTopicArn,
      runbooks: args.runbooks,
    });

    const arn = (resource: pulumi.Input<string>) =>
      pulumi.interpolate`arn:${partition}:elasticache:${region}:${identity.accountId}:${resource}`;
    this.primaryEndpoint = group.primaryEndpointAddress;
    this.readerEndpoint = group.readerEndpointAddress;
    this.securityGroupId = sg.id;
    this.replicationGroupId = group.replicationGroupId;
    this.replicationGroupArn = arn(pulumi.interpolate`replicationgroup:${group.replicationGroupId}`);
    this.userIds = Object.fromEntries(Object.entries(users).map(([w, u]) => [w, u.userId]));
    this.userArns = Object.fromEntries(Object.entries(users).map(([w, u]) => [w, arn(pulumi.interpolate`user:${u.userId}`)]));
    this.keyArn = key.arn;
    this.logGroupNames = { slow: slow.name, engine: engine.name };
    this.registerOutputs({
      primaryEndpoint: this.primaryEndpoint,
      readerEndpoint: this.readerEndpoint,
      securityGroupId: this.securityGroupId,
      replicationGroupArn: this.replicationGroupArn,
    });
  }
}
