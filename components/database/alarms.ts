import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";

/** ReplicaLag above this many seconds alarms. */
export const REPLICA_LAG_SECONDS = 300;

export interface InstanceAlarmsArgs {
  naming: Naming;
  /** Stable key of the instance (`primary`, `replica-a`, ...), used in logical and alarm names. */
  key: string;
  identifier: pulumi.Input<string>;
  topicArn: pulumi.Input<string>;
  /** Initial storage (GiB): the free-storage alarm fires below 10 % of it. */
  allocatedStorageGiB: number;
  /** Memory of the class (bytes): the freeable-memory alarm fires below 10 % of it. */
  memoryBytes: number;
  /** max_connections of the class: the connections alarm fires above 80 % of it. */
  maxConnections: number;
  replica: boolean;
  /** Links each alarm to its page `docs/runbooks/postgres-<alarm>.md` (one page per alarm kind). */
  runbooks: Runbooks;
}

/**
 * The CloudWatch alarms of one instance, each to the stack's alert topic on ALARM and OK (all, and
 * the critical ones apart: fault-injection experiments stop on those). Thresholds
 * are derived from the class and storage so that a resize keeps them meaningful.
 *
 * ReplicaLag on PostgreSQL is the time since the last replayed transaction: it grows by 60 s per
 * minute on an idle primary without real lag, so its threshold must stay well above the interval of
 * writes (or of a heartbeat write); 300 s over 3 periods leaves room for quiet nights.
 */
export function createInstanceAlarms(parent: pulumi.Resource, args: InstanceAlarmsArgs) {
  const { naming, key } = args;
  // Severities as in components/observability (the Alertmanager routes and the alert topic's
  // readers use the same two): critical pages, warning goes to chat.
  const critical: aws.cloudwatch.MetricAlarm[] = [];
  const alarm = (
    severity: "critical" | "warning",
    metric: string,
    name: string,
    comparisonOperator: string,
    threshold: number,
    description: string,
    treatMissingData = "missing",
  ) => {
    const created = new aws.cloudwatch.MetricAlarm(
      `${key}-${name}`,
      {
        name: naming.physical(`postgres-${key}-${name}`),
        alarmDescription: args.runbooks.describe(`[${severity}] ${description}`, `postgres-${name}`),
        namespace: "AWS/RDS",
        metricName: metric,
        dimensions: { DBInstanceIdentifier: args.identifier },
        statistic: metric === "FreeStorageSpace" || metric === "FreeableMemory" ? "Minimum" : "Average",
        period: 300,
        evaluationPeriods: 3,
        comparisonOperator,
        threshold,
        treatMissingData,
        alarmActions: [args.topicArn],
        okActions: [args.topicArn],
        tags: { Name: naming.physical(`postgres-${key}-${name}`), Severity: severity },
      },
      { parent },
    );
    if (severity === "critical") critical.push(created);
    return created;
  };

  const alarms = [
    alarm("warning", "CPUUtilization", "cpu", "GreaterThanThreshold", 80, "CPU above 80 % for 15 minutes"),
    // Running out of storage stops writes: critical.
    alarm(
      "critical",
      "FreeStorageSpace",
      "free-storage",
      "LessThanThreshold",
      Math.round(args.allocatedStorageGiB * 0.1 * 1024 ** 3),
      "Free storage below 10 % of the initial allocation (autoscaling may be at its maximum)",
    ),
    alarm(
      "warning",
      "FreeableMemory",
      "freeable-memory",
      "LessThanThreshold",
      Math.round(args.memoryBytes * 0.1),
      "Freeable memory below 10 % of the instance class memory",
    ),
    // New connections fail at max_connections: critical.
    alarm(
      "critical",
      "DatabaseConnections",
      "connections",
      "GreaterThanThreshold",
      Math.floor(args.maxConnections * 0.8),
      `Connections above 80 % of max_connections (${args.maxConnections})`,
    ),
  ];
  if (args.replica) {
    alarms.push(
      alarm(
        "warning",
        "ReplicaLag",
        "replica-lag",
        "GreaterThanThreshold",
        REPLICA_LAG_SECONDS,
        `Replica more than ${REPLICA_LAG_SECONDS} s behind the primary`,
        "breaching",
      ),
    );
  }
  return { all: alarms, critical };
}
