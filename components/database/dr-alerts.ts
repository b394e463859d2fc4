import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { admitRules, alertDeadLetterQueue } from "../../lib/alert-dead-letters";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { alarm, AlarmContext, queueNotEmptyAlarm } from "../observability/alarms";

/**
 * Cross-region ReplicaLag above this many seconds alarms: the DR copy is then older than the
 * database's region-loss RPO (docs/dr.md, 5 minutes).
 */
export const DR_REPLICA_LAG_SECONDS = 300;

/** RDS event categories of the DR replica that alert (RDS user guide, "Amazon RDS event categories and event messages"). */
export const DR_REPLICA_EVENT_CATEGORIES = ["failure", "read replica", "low storage"];

export interface DrReplicaAlertsArgs {
  naming: Naming;
  /** The DR region's provider: CloudWatch alarms and EventBridge rules see only their own region. */
  provider: aws.Provider;
  /** The DR region's alert topic (an alarm notifies topics of its own region only). */
  topicArn: pulumi.Input<string>;
  runbooks: Runbooks;
  replica: aws.rds.Instance;
  /** Pilot light: the replica replicates, so its lag is watched; after a promotion there is no lag to watch. */
  replicating: boolean;
  identity: pulumi.Output<aws.GetCallerIdentityResult>;
  protect: boolean;
}

/**
 * The DR signals, in the DR region: the cross-region replica's lag (missing data breaches: a
 * replica that stopped replicating reports none), its RDS events (replication stopped or broken,
 * failure, low storage) through EventBridge, and the depth of that rule's dead-letter queue.
 */
export function createDrReplicaAlerts(parent: pulumi.Resource, args: DrReplicaAlertsArgs) {
  const { naming, provider } = args;
  const ctx: AlarmContext = { parent, naming, topicArn: args.topicArn, runbooks: args.runbooks, provider };
  const alarms: aws.cloudwatch.MetricAlarm[] = [];
  if (args.replicating) {
    alarms.push(
      alarm(ctx, "postgres-dr-replica-lag", {
        severity: "critical",
        alarmDescription: `The DR replica is more than ${DR_REPLICA_LAG_SECONDS} s behind the primary, or reports no lag (replication stopped): the region-loss RPO is not met.`,
        namespace: "AWS/RDS",
        metricName: "ReplicaLag",
        dimensions: { DBInstanceIdentifier: args.replica.identifier },
        statistic: "Maximum",
        period: 300,
        evaluationPeriods: 3,
        comparisonOperator: "GreaterThanThreshold",
        threshold: DR_REPLICA_LAG_SECONDS,
        treatMissingData: "breaching",
      }),
    );
  }
  const name = "postgres-dr-replica-event";
  const rule = new aws.cloudwatch.EventRule(
    name,
    {
      name: naming.physical(name),
      description: args.runbooks.describe(
        "[critical] An RDS event of the DR replica: replication stopped or failed, an instance failure, or low storage.",
        name,
      ),
      eventPattern: pulumi.jsonStringify({
        source: ["aws.rds"],
        "detail-type": ["RDS DB Instance Event"],
        resources: [args.replica.arn],
        detail: { EventCategories: DR_REPLICA_EVENT_CATEGORIES },
      }),
      tags: { Name: naming.physical(name), Severity: "critical" },
    },
    { parent, provider },
  );
  const dlq = alertDeadLetterQueue(parent, "dr-alerts-dlq", {
    naming,
    accountId: args.identity.accountId,
    callerArn: args.identity.arn,
    description: "undelivered DR alerts (dead-letter queue)",
    protect: args.protect,
    provider,
  });
  new aws.cloudwatch.EventTarget(
    `${name}-alert`,
    { rule: rule.name, arn: args.topicArn, deadLetterConfig: { arn: dlq.arn } },
    { parent, provider },
  );
  admitRules(parent, "dr-alerts-dlq", dlq, [rule], provider);
  alarms.push(
    queueNotEmptyAlarm(
      ctx,
      "dr-alerts-undelivered",
      dlq.name,
      "An RDS event of the DR replica could not be delivered to the DR alert topic.",
    ),
  );
  return { alarms, rule };
}
