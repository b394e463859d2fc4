import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement } from "../../lib/iam";
import { customerManagedKey, keyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { createNotifiers } from "./notifier";
import { Receiver } from "./routes";

export { filterPolicy, RECEIVER_SEVERITY } from "./routes";
export type { AlertMessage, Receiver } from "./routes";

export interface AlertingArgs {
  /** Builds physical names. */
  naming: Naming;
  /** Address subscribed to every alert (the subscription must be confirmed from the mailbox). */
  alertEmail: string;
  /** Protect the topic's key from deletion (prod). */
  protect: boolean;
  region: string;
  runbooks: Runbooks;
  /** Retention of the receiver functions' logs, in days. */
  logRetentionDays: number;
  /**
   * The receivers beyond e-mail, the same ones Alertmanager uses: critical messages page through
   * PagerDuty, warnings go to Slack (routes.ts). An unset secret leaves its receiver out.
   */
  receivers: {
    slackChannel: string;
    pagerDutyRoutingKey?: pulumi.Output<string>;
    slackWebhookUrl?: pulumi.Output<string>;
  };
}

/**
 * Services that publish to the topic: CloudWatch alarms, AWS Budgets notifications and Cost
 * Anomaly Detection alerts (Budgets user guide "Creating an Amazon SNS topic for budget
 * notifications"; Cost Management user guide "Setting up Amazon SNS topics for anomaly
 * notifications": both need the topic's KMS key too when it is encrypted).
 */
const ALERT_SOURCES = ["cloudwatch.amazonaws.com", "budgets.amazonaws.com", "costalerts.amazonaws.com"];

/**
 * The stack's one alert topic: every CloudWatch alarm of every component publishes here. The topic
 * is encrypted with its own customer-managed key, which CloudWatch may use only to publish alarms of
 * this account (an encrypted topic silently drops alarms unless the key policy lets CloudWatch in:
 * SNS developer guide, "Enable compatibility between event sources and encrypted topics").
 * EventBridge rules of this account (security findings, components/security) publish here too,
 * so the key and the topic policy admit `events.amazonaws.com` the same way (AWS knowledge center
 * "Why isn't my Amazon SNS topic receiving EventBridge notifications?").
 */
export class Alerting extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;
  /** The receivers subscribed beyond e-mail (those whose secret is set). */
  readonly receivers: Receiver[];

  constructor(name: string, args: AlertingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:alerting:Alerting", name, {}, opts);
    const { naming } = args;
    const parent = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, parent);
    const partition = aws.getPartitionOutput({}, parent).partition;
    const secrets: Partial<Record<Receiver, pulumi.Output<string>>> = {
      pagerduty: args.receivers.pagerDutyRoutingKey,
      slack: args.receivers.slackWebhookUrl,
    };

    /** A service that encrypts messages with the key, on behalf of this account only. */
    const publishesOfThisAccount = (Sid: string, service: string | string[]): Statement => ({
      Sid,
      Effect: "Allow",
      Principal: { Service: service },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": identity.accountId } },
    });
    const key = customerManagedKey(this, "alerts-key", {
      naming,
      aliasStem: "alerts",
      description: "alert topic",
      policy: keyPolicy(identity.accountId, identity.arn, [
        publishesOfThisAccount("AlertSourcesOfThisAccount", ALERT_SOURCES),
        // EventBridge rules (failed backup and restore jobs, findings) publish alerts too.
        publishesOfThisAccount("EventBridgeRulesOfThisAccount", "events.amazonaws.com"),
        // The receiver functions' dead letters: SNS redrives to an encrypted queue only with the key
        // (SNS developer guide, "Configuring an Amazon SNS dead-letter queue for a subscription").
        publishesOfThisAccount("SnsRedriveOfThisAccount", "sns.amazonaws.com"),
        // The receiver functions' log groups (CloudWatch Logs user guide, "Encrypt log data in
        // CloudWatch Logs using AWS KMS"), and no other log group.
        {
          Sid: "ReceiverLogsOfThisAccount",
          Effect: "Allow",
          Principal: { Service: `logs.${args.region}.amazonaws.com` },
          Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          Resource: "*",
          Condition: {
            ArnLike: {
              "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${partition}:logs:${args.region}:${identity.accountId}:log-group:/aws/lambda/${naming.prefix}-alerts-*`,
            },
          },
        },
      ]),
      protect: args.protect,
    });

    const topic = new aws.sns.Topic(
      "alerts",
      { name: naming.physical("alerts"), kmsMasterKeyId: key.arn, tags: { Name: naming.physical("alerts") } },
      // A recreated topic loses its confirmed e-mail subscription (and every alarm's target).
      { ...parent, protect: args.protect },
    );
    new aws.sns.TopicPolicy(
      "alerts-policy",
      {
        arn: topic.arn,
        policy: policyDocument([
          {
            Sid: "AlertSourcesOfThisAccount",
            Effect: "Allow",
            Principal: { Service: ALERT_SOURCES },
            Action: "sns:Publish",
            Resource: topic.arn,
            Condition: { StringEquals: { "aws:SourceAccount": identity.accountId } },
          },
          {
            Sid: "EventBridgeRulesOfThisAccount",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topic.arn,
            Condition: { StringEquals: { "aws:SourceAccount": identity.accountId } },
          },
        ]),
      },
      parent,
    );
    new aws.sns.TopicSubscription("alerts-email", { topic: topic.arn, protocol: "email", endpoint: args.alertEmail }, parent);

    createNotifiers(this, {
      naming,
      region: args.region,
      accountId: identity.accountId,
      partition,
      topicArn: topic.arn,
      keyArn: key.arn,
      runbooks: args.runbooks,
      logRetentionDays: args.logRetentionDays,
      slackChannel: args.receivers.slackChannel,
      secrets,
      protect: args.protect,
    });

    this.topicArn = topic.arn;
    this.keyArn = key.arn;
    this.receivers = (Object.keys(secrets) as Receiver[]).filter((r) => secrets[r] !== undefined);
    this.registerOutputs({ topicArn: this.topicArn, keyArn: this.keyArn });
  }
}
