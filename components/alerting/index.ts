import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "../../lib/iam";
import { customerManagedKey, keyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";

export interface AlertingArgs {
  /** Builds physical names. */
  naming: Naming;
  /** Address subscribed to every alert (the subscription must be confirmed from the mailbox). */
  alertEmail: string;
  /** Protect the topic's key from deletion (prod). */
  protect: boolean;
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

  constructor(name: string, args: AlertingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:alerting:Alerting", name, {}, opts);
    const { naming } = args;
    const parent = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, parent);

    const key = customerManagedKey(this, "alerts-key", {
      naming,
      aliasStem: "alerts",
      description: "alert topic",
      policy: keyPolicy(identity.accountId, identity.arn, [
        {
          Sid: "AlertSourcesOfThisAccount",
          Effect: "Allow",
          Principal: { Service: ALERT_SOURCES },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": identity.accountId } },
        },
        // EventBridge rules (failed backup and restore jobs, findings) publish alerts too.
        {
          Sid: "EventBridgeRulesOfThisAccount",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": identity.accountId } },
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

    this.topicArn = topic.arn;
    this.keyArn = key.arn;
    this.registerOutputs({ topicArn: this.topicArn, keyArn: this.keyArn });
  }
}
