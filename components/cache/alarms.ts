import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";

/** Thresholds of the cache alarms (docs/caching.md "Alarms" says why each). */
export const CACHE_THRESHOLDS = {
  /** DatabaseMemoryUsagePercentage: above it, eviction of keys with a TTL is near. */
  memoryPercent: 80,
  /** EngineCPUUtilization (the engine's main thread): above it, latency grows for every client. */
  engineCpuPercent: 80,
  /** ReplicationLag in seconds: a replica further behind serves stale sessions after a failover. */
  replicationLagSeconds: 10,
} as const;

export interface CacheAlarmsArgs {
  naming: Naming;
  /** The replication group's id; node `n` (from 1) is `<id>-00n` (ElastiCache names them so). */
  replicationGroupId: pulumi.Input<string>;
  nodeCount: number;
  topicArn: pulumi.Input<string>;
  runbooks: Runbooks;
}

/**
 * The cache's CloudWatch alarms, per node (ElastiCache publishes node metrics by CacheClusterId),
 * each to the alert topic on ALARM and OK with its runbook `docs/runbooks/cache-<alarm>.md`:
 * memory, evictions, engine CPU and, with replicas, replication lag. Which node is primary changes
 * at a failover, so the lag alarm exists on every node and treats a missing metric (the primary
 * publishes none) as fine.
 */
export function createCacheAlarms(parent: pulumi.Resource, args: CacheAlarmsArgs): aws.cloudwatch.MetricAlarm[] {
  const { naming } = args;
  const alarms: aws.cloudwatch.MetricAlarm[] = [];
  for (let n = 1; n <= args.nodeCount; n++) {
    const node = `00${n}`.slice(-3);
    const nodeId = pulumi.interpolate`${args.replicationGroupId}-${node}`;
    const alarm = (
      name: string,
      severity: "critical" | "warning",
      description: string,
      spec: Pick<aws.cloudwatch.MetricAlarmArgs, "metricName" | "statistic" | "threshold" | "period" | "evaluationPeriods"> &
        Partial<Pick<aws.cloudwatch.MetricAlarmArgs, "datapointsToAlarm" | "treatMissingData">>,
    ) =>
      alarms.push(
        new aws.cloudwatch.MetricAlarm(
          `cache-${node}-${name}`,
          {
            name: naming.physical(`cache-${node}-${name}`),
            alarmDescription: args.runbooks.describe(`[${severity}] Cache node ${node}: ${description}`, `cache-${name}`),
            namespace: "AWS/ElastiCache",
            dimensions: { CacheClusterId: nodeId },
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "missing",
            ...spec,
            alarmActions: [args.topicArn],
            okActions: [args.topicArn],
            tags: { Name: naming.physical(`cache-${node}-${name}`), Severity: severity },
          },
          { parent },
        ),
      );
    // Memory full means evicting sessions and carts: critical before it happens.
    alarm("memory", "critical", `memory above ${CACHE_THRESHOLDS.memoryPercent} % of maxmemory for 15 minutes`, {
      metricName: "DatabaseMemoryUsagePercentage",
      statistic: "Maximum",
      threshold: CACHE_THRESHOLDS.memoryPercent,
      period: 300,
      evaluationPeriods: 3,
    });
    alarm("evictions", "warning", "keys evicted in 2 of the last 3 five-minute periods (sessions or carts lost)", {
      metricName: "Evictions",
      statistic: "Sum",
      threshold: 0,
      period: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: "notBreaching",
    });
    alarm("cpu", "warning", `engine CPU above ${CACHE_THRESHOLDS.engineCpuPercent} % for 15 minutes`, {
      metricName: "EngineCPUUtilization",
      statistic: "Average",
      threshold: CACHE_THRESHOLDS.engineCpuPercent,
      period: 300,
      evaluationPeriods: 3,
    });
    if (args.nodeCount > 1)
      alarm(
        "replication-lag",
        "warning",
        `replica more than ${CACHE_THRESHOLDS.replicationLagSeconds} s behind the primary for 5 minutes`,
        {
          metricName: "ReplicationLag",
          statistic: "Maximum",
          threshold: CACHE_THRESHOLDS.replicationLagSeconds,
          period: 60,
          evaluationPeriods: 5,
          treatMissingData: "notBreaching",
        },
      );
  }
  return alarms;
}
