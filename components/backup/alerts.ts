import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { admitRules, alertDeadLetterQueue } from "../../lib/alert-dead-letters";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { queueNotEmptyAlarm } from "../observability/alarms";

export interface BackupAlertsArgs {
  naming: Naming;
  topicArn: pulumi.Input<string>;
  runbooks: Runbooks;
  identity: pulumi.Output<aws.GetCallerIdentityResult>;
  protect: boolean;
}

/**
 * Failed jobs alert through EventBridge to the stack's alert topic: backup and copy jobs that fail
 * or are aborted, and restore jobs (restore tests included) that fail. Event shapes: AWS Backup
 * developer guide, "Monitoring AWS Backup events using EventBridge".
 */
export function createBackupAlerts(parent: pulumi.Resource, args: BackupAlertsArgs) {
  const { naming } = args;
  const rules = {
    "backup-job-failed": {
      detailType: ["Backup Job State Change", "Copy Job State Change"],
      states: ["FAILED", "ABORTED", "EXPIRED"],
      description: "[critical] An AWS Backup backup or copy job failed, was aborted or expired: a recovery point is missing.",
    },
    "restore-job-failed": {
      detailType: ["Restore Job State Change"],
      states: ["FAILED"],
      description: "[critical] An AWS Backup restore job (a scheduled restore test or a manual restore) failed.",
    },
  };
  // Events EventBridge cannot deliver to the topic land here (14 days) instead of being dropped.
  const dlq = alertDeadLetterQueue(parent, "backup-alerts-dlq", {
    naming,
    accountId: args.identity.accountId,
    callerArn: args.identity.arn,
    description: "undelivered backup alerts (dead-letter queue)",
    protect: args.protect,
  });
  const created = Object.entries(rules).map(([key, rule]) => {
    const eventRule = new aws.cloudwatch.EventRule(
      key,
      {
        name: naming.physical(key),
        description: args.runbooks.describe(rule.description, key),
        eventPattern: JSON.stringify({
          source: ["aws.backup"],
          "detail-type": rule.detailType,
          detail: { state: rule.states },
        }),
        tags: { Name: naming.physical(key), Severity: "critical" },
      },
      { parent },
    );
    new aws.cloudwatch.EventTarget(
      `${key}-alert`,
      { rule: eventRule.name, arn: args.topicArn, deadLetterConfig: { arn: dlq.arn } },
      { parent },
    );
    return eventRule;
  });
  admitRules(parent, "backup-alerts-dlq", dlq, created);
  // A parked alert means someone was not told that a backup or restore failed.
  queueNotEmptyAlarm(
    { parent, naming, topicArn: args.topicArn, runbooks: args.runbooks },
    "backup-alerts-undelivered",
    dlq.name,
    "A failed-backup or failed-restore alert could not be delivered to the alert topic.",
  );
  return created;
}
