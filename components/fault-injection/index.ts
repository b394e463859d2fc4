import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { customerManagedKey, logsKeyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { createPodAccess, FIS_POD_LABELS } from "./kubernetes";
import {
  databaseFailoverStatements,
  experimentRole,
  nodeTerminationStatements,
  podDeletionStatements,
  Scope,
  zoneDisruptionStatements,
} from "./iam";

export interface FaultInjectionArgs {
  naming: Naming;
  region: string;
  /**
   * The platform's critical CloudWatch alarms: every experiment stops when any of them fires. FIS
   * takes at most five stop conditions per template (FIS user guide, "Quotas"), so they are
   * combined into one composite alarm, the templates' single stop condition.
   */
  criticalAlarmArns: pulumi.Input<string>[];
  runbooks: Runbooks;
  /** Retention of the experiment log group (days). */
  logRetentionDays: number;
  /** Terminate this share (percent) of the running apps nodes, found by their Name tag. */
  nodes: { instanceNameTag: pulumi.Input<string>; percent: number };
  /** Reboot the primary with failover to its standby; only for a Multi-AZ primary. */
  database?: { primaryArn: pulumi.Input<string> };
  /** Cut these subnets (the app subnets of one zone) off for `minutes`. */
  zone: { vpcId: pulumi.Input<string>; subnetIds: pulumi.Input<string>[]; availabilityZone: string; minutes: number };
  /** Delete `percent` of one service's pods (label `app.kubernetes.io/name=<service>` in its namespace). */
  pods: {
    clusterName: pulumi.Input<string>;
    service: string;
    namespace: string;
    selector: Record<string, string>;
    percent: number;
    /** CIDRs of the subnets holding the API endpoint's ENIs: the only egress of the FIS pod. */
    apiServerCidrs: string[];
    kubernetesProvider: k8s.Provider;
  };
  protect: boolean;
}

/** One experiment: its key (logical and physical names), description, role, targets and actions. */
type Experiment = { key: string; description: string; roleArn: pulumi.Input<string>; dependsOn?: pulumi.Resource[] } & Pick<
  aws.fis.ExperimentTemplateArgs,
  "actions" | "targets"
>;

/**
 * AWS FIS experiment templates for the game days (docs/game-days.md): node termination, RDS
 * failover, one zone's app subnets cut off, pod deletion of one service. Each has its own role
 * allowed on its targets only, stops when any critical alarm fires, and logs to an encrypted log
 * group. Templates do nothing until someone runs `aws fis start-experiment`.
 */
export class FaultInjection extends pulumi.ComponentResource {
  /** Template ids by experiment key (`aws fis start-experiment --experiment-template-id <id>`). */
  readonly templateIds: Record<string, pulumi.Output<string>>;
  readonly stopAlarmArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: FaultInjectionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:fault-injection:FaultInjection", name, {}, opts);
    const { naming } = args;
    const parent = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, parent);
    const scope: Scope = {
      partition: identity.arn.apply((a) => a.split(":")[1] ?? "aws"),
      region: args.region,
      accountId: identity.accountId,
    };

    const key = customerManagedKey(this, "fis-logs-key", {
      naming,
      aliasStem: "fis-logs",
      description: "fault-injection experiment logs",
      policy: logsKeyPolicy(identity.accountId, identity.arn, args.region),
      protect: args.protect,
    });
    const logGroup = new aws.cloudwatch.LogGroup(
      "fis-logs",
      {
        name: `/aws/fis/${naming.prefix}`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: key.arn,
        tags: { Name: naming.physical("fis-logs") },
      },
      parent,
    );

    // No actions of its own: each member alarm already notifies the alert topic.
    const stop = new aws.cloudwatch.CompositeAlarm(
      "fis-stop",
      {
        alarmName: naming.physical("fis-stop"),
        alarmDescription: args.runbooks.describe(
          "Any critical alarm of the platform is in ALARM: running fault-injection experiments stop.",
          "fis-stop",
        ),
        alarmRule: pulumi.all(args.criticalAlarmArns).apply((arns) => {
          if (arns.length === 0) throw new Error(`FaultInjection ${name}: no critical alarm to stop experiments on`);
          return arns.map((a) => `ALARM("${a}")`).join(" OR ");
        }),
        actionsEnabled: false,
        tags: { Name: naming.physical("fis-stop") },
      },
      parent,
    );

    const role = (k: string, statements: Parameters<typeof experimentRole>[4]) =>
      experimentRole(this, naming, k, scope, statements).arn;

    // The pod experiment: its role, then what that role may do inside the cluster.
    const podClusterArn = pulumi.interpolate`arn:${scope.partition}:eks:${args.region}:${scope.accountId}:cluster/${args.pods.clusterName}`;
    const podRole = experimentRole(this, naming, "pod-deletion", scope, podDeletionStatements(podClusterArn));
    const podAccess = createPodAccess(this, {
      clusterName: args.pods.clusterName,
      roleArn: podRole.arn,
      namespace: args.pods.namespace,
      apiServerCidrs: args.pods.apiServerCidrs,
      provider: args.pods.kubernetesProvider,
    });
    const selectorValue = Object.entries(args.pods.selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");

    const experiments: Experiment[] = [
      {
        key: "node-termination",
        description: `Terminate ${args.nodes.percent}% of the running apps nodes`,
        roleArn: role("node-termination", nodeTerminationStatements(scope, args.nodes.instanceNameTag)),
        targets: [
          {
            name: "apps-nodes",
            resourceType: "aws:ec2:instance",
            selectionMode: `PERCENT(${args.nodes.percent})`,
            resourceTags: [{ key: "Name", value: args.nodes.instanceNameTag }],
            filters: [{ path: "State.Name", values: ["running"] }],
          },
        ],
        actions: [
          {
            name: "terminate-apps-nodes",
            actionId: "aws:ec2:terminate-instances",
            target: { key: "Instances", value: "apps-nodes" },
          },
        ],
      },
      {
        key: "zone-disruption",
        description: `Cut the app subnets of ${args.zone.availabilityZone} off for ${args.zone.minutes} minutes`,
        roleArn: role("zone-disruption", zoneDisruptionStatements(scope, args.zone.vpcId, args.zone.subnetIds)),
        targets: [
          {
            name: "zone-app-subnets",
            resourceType: "aws:ec2:subnet",
            selectionMode: "ALL",
            resourceArns: args.zone.subnetIds.map(
              (id) => pulumi.interpolate`arn:${scope.partition}:ec2:${args.region}:${scope.accountId}:subnet/${id}`,
            ),
          },
        ],
        actions: [
          {
            name: "disrupt-zone",
            actionId: "aws:network:disrupt-connectivity",
            parameters: [
              { key: "duration", value: `PT${args.zone.minutes}M` },
              { key: "scope", value: "all" },
            ],
            target: { key: "Subnets", value: "zone-app-subnets" },
          },
        ],
      },
      {
        key: "pod-deletion",
        description: `Delete ${args.pods.percent}% of the ${args.pods.service} pods`,
        roleArn: podRole.arn,
        targets: [
          {
            name: `${args.pods.service}-pods`,
            resourceType: "aws:eks:pod",
            selectionMode: `PERCENT(${args.pods.percent})`,
            parameters: {
              clusterIdentifier: args.pods.clusterName,
              namespace: args.pods.namespace,
              selectorType: "labelSelector",
              selectorValue,
            },
          },
        ],
        actions: [
          {
            name: `delete-${args.pods.service}-pods`,
            actionId: "aws:eks:pod-delete",
            parameters: [
              { key: "kubernetesServiceAccount", value: podAccess.serviceAccountName },
              // The FIS pod meets the namespaces' restricted Pod Security Standard, and carries the
              // labels its egress policy selects.
              { key: "fisPodSecurityPolicy", value: "restricted" },
              { key: "fisPodLabels", value: JSON.stringify(FIS_POD_LABELS) },
            ],
            target: { key: "Pods", value: `${args.pods.service}-pods` },
          },
        ],
        dependsOn: podAccess.ready,
      },
    ];

    if (args.database) {
      experiments.push({
        key: "database-failover",
        description: "Reboot the RDS primary with failover to its Multi-AZ standby",
        roleArn: role("database-failover", databaseFailoverStatements(args.database.primaryArn)),
        targets: [
          { name: "primary", resourceType: "aws:rds:db", selectionMode: "ALL", resourceArns: [args.database.primaryArn] },
        ],
        actions: [
          {
            name: "failover-primary",
            actionId: "aws:rds:reboot-db-instances",
            parameters: [{ key: "forceFailover", value: "true" }],
            target: { key: "DBInstances", value: "primary" },
          },
        ],
      });
    }

    const templates = experiments.map(
      (e) =>
        [
          e.key,
          new aws.fis.ExperimentTemplate(
            e.key,
            {
              description: `${naming.prefix}: ${e.description}`,
              roleArn: e.roleArn,
              stopConditions: [{ source: "aws:cloudwatch:alarm", value: stop.arn }],
              targets: e.targets,
              actions: e.actions,
              logConfiguration: {
                logSchemaVersion: 2,
                cloudwatchLogsConfiguration: { logGroupArn: pulumi.interpolate`${logGroup.arn}:*` },
              },
              // A target that resolves to nothing fails the experiment instead of passing it silently.
              experimentOptions: { accountTargeting: "single-account", emptyTargetResolutionMode: "fail" },
              tags: { Name: naming.physical(`fis-${e.key}`) },
            },
            { parent: this, dependsOn: e.dependsOn ?? [] },
          ),
        ] as const,
    );

    this.templateIds = Object.fromEntries(templates.map(([k, t]) => [k, t.id]));
    this.stopAlarmArn = stop.arn;
    this.logGroupName = logGroup.name;
    this.registerOutputs({ templateIds: this.templateIds, stopAlarmArn: this.stopAlarmArn, logGroupName: this.logGroupName });
  }
}
