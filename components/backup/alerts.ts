import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "../../lib/iam";
import { customerManagedKey, keyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";

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
  const dlqKey = customerManagedKey(parent, "backup-alerts-dlq-key", {
    naming,
    aliasStem: "backup-alerts-dlq",
    description: "undelivered backup alerts (dead-letter queue)",
    policy: keyPolicy(args.identity.accountId, args.identity.arn, [
      {
        Sid: "EventBridgeOfThisAccount",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": args.identity.accountId } },
      },
    ]),
    protect: args.protect,
  });
  const dlq = new aws.sqs.Queue(
    "backup-alerts-dlq",
    {
      name: naming.physical("backup-alerts-dlq"),
      kmsMasterKeyId: dlqKey.arn,
      messageRetentionSeconds: 14 * 24 * 3600,
      tags: { Name: naming.physical("backup-alerts-dlq") },
    },
    { parent },
  );
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
  new aws.sqs.QueuePolicy(
    "backup-alerts-dlq-policy",
    {
      queueUrl: dlq.url,
      policy: policyDocument([
        {
          Sid: "EventBridgeRulesOfThisStack",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: dlq.arn,
          Condition: { ArnEquals: { "aws:SourceArn": created.map((r) => r.arn) } },
        },
      ]),
    },
    { parent },
  );
  return created;
}
