import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, serviceTrustPolicy } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { queueNotEmptyAlarm } from "../observability/alarms";
import { filterPolicy, Receiver } from "./routes";

export const NOTIFIER_DIR = path.join(__dirname, "notifier");

/** SQS keeps a message at most 14 days (SetQueueAttributes, MessageRetentionPeriod). */
const FOURTEEN_DAYS = 14 * 24 * 3600;

export interface NotifierArgs {
  naming: Naming;
  region: string;
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  topicArn: pulumi.Input<string>;
  /** The alert topic's key: it also encrypts the receivers' secrets, logs and dead letters. */
  keyArn: pulumi.Input<string>;
  runbooks: Runbooks;
  logRetentionDays: number;
  slackChannel: string;
  /** Protect the receivers' secrets and log groups from deletion (prod). */
  protect: boolean;
  /** Each receiver's secret: the PagerDuty routing key, the Slack webhook URL. Unset: no receiver. */
  secrets: Partial<Record<Receiver, pulumi.Output<string>>>;
}

/** Physical stem of a receiver's function, secret and log group. */
export const notifierName = (receiver: Receiver) => `alerts-${receiver}`;

/**
 * One small function per receiver, subscribed to the alert topic with that receiver's filter
 * policy (routes.ts). PagerDuty and Slack cannot be SNS subscribers themselves: Slack's webhooks
 * do not confirm subscriptions, and PagerDuty's SNS endpoint parses CloudWatch alarms only. Each
 * function can read only its own secret. What neither SNS nor Lambda could deliver after their
 * retries (subscription redrive, the function's dead-letter queue) is parked for 14 days and alarms.
 */
export function createNotifiers(parent: pulumi.Resource, args: NotifierArgs) {
  const { naming } = args;
  const receivers = (Object.keys(args.secrets) as Receiver[]).filter((r) => args.secrets[r] !== undefined);
  if (receivers.length === 0) return { functions: {} as Partial<Record<Receiver, aws.lambda.Function>> };

  const dlqName = naming.physical("alerts-undelivered");
  const dlq = new aws.sqs.Queue(
    "alerts-undelivered",
    {
      name: dlqName,
      kmsMasterKeyId: args.keyArn,
      messageRetentionSeconds: FOURTEEN_DAYS,
      tags: { Name: dlqName, DataClassification: "internal" },
    },
    { parent },
  );
  new aws.sqs.QueuePolicy(
    "alerts-undelivered-policy",
    {
      queueUrl: dlq.url,
      policy: policyDocument([
        {
          Sid: "RedriveFromTheAlertTopic",
          Effect: "Allow",
          Principal: { Service: "sns.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: dlq.arn,
          Condition: { ArnEquals: { "aws:SourceArn": args.topicArn } },
        },
      ]),
    },
    { parent },
  );
  queueNotEmptyAlarm(
    { parent, naming, topicArn: args.topicArn, runbooks: args.runbooks },
    "alerts-undelivered",
    dlq.name,
    "An alert could not be delivered to PagerDuty or Slack (it was e-mailed).",
  );

  const functions: Partial<Record<Receiver, aws.lambda.Function>> = {};
  for (const receiver of receivers) {
    const stem = notifierName(receiver);
    const functionName = naming.physical(stem);
    const secret = new aws.secretsmanager.Secret(
      `${stem}-secret`,
      {
        name: naming.physical(stem),
        description: receiver === "pagerduty" ? "PagerDuty Events API v2 routing key" : "Slack incoming-webhook URL",
        kmsKeyId: args.keyArn,
        tags: { Name: naming.physical(stem), DataClassification: "confidential" },
      },
      { parent, protect: args.protect },
    );
    new aws.secretsmanager.SecretVersion(
      `${stem}-secret-value`,
      { secretId: secret.id, secretString: pulumi.secret(args.secrets[receiver]!) },
      { parent },
    );
    const logGroup = new aws.cloudwatch.LogGroup(
      `${stem}-logs`,
      {
        name: `/aws/lambda/${functionName}`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.keyArn,
        tags: { Name: functionName, DataClassification: "internal" },
      },
      { parent, protect: args.protect },
    );
    const role = new aws.iam.Role(
      `${stem}-role`,
      {
        name: naming.physical(stem, "iamRole"),
        assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", { accountId: args.accountId }),
      },
      { parent },
    );
    const rolePolicy = new aws.iam.RolePolicy(
      `${stem}-policy`,
      {
        role: role.name,
        policy: policyDocument([
          { Sid: "ReadOwnSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secret.arn },
          {
            Sid: "DecryptOwnSecretAndParkDeadLetters",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: args.keyArn,
            Condition: {
              StringEquals: {
                "kms:ViaService": [`secretsmanager.${args.region}.amazonaws.com`, `sqs.${args.region}.amazonaws.com`],
              },
            },
          },
          { Sid: "ParkUndelivered", Effect: "Allow", Action: "sqs:SendMessage", Resource: dlq.arn },
          {
            Sid: "WriteOwnLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: pulumi.interpolate`${logGroup.arn}:*`,
          },
        ]),
      },
      { parent },
    );
    const fn = new aws.lambda.Function(
      stem,
      {
        name: functionName,
        description: `Delivers ${receiver === "pagerduty" ? "critical alerts to PagerDuty" : "warnings to Slack"} from the alert topic`,
        runtime: "nodejs22.x",
        architectures: ["arm64"],
        handler: "index.handler",
        role: role.arn,
        code: new pulumi.asset.FileArchive(NOTIFIER_DIR),
        timeout: 30,
        memorySize: 128,
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        deadLetterConfig: { targetArn: dlq.arn },
        environment: {
          variables: {
            RECEIVER: receiver,
            SECRET_ARN: secret.arn,
            ...(receiver === "slack" ? { SLACK_CHANNEL: args.slackChannel } : {}),
          },
        },
        tags: { Name: functionName },
      },
      { parent, dependsOn: [logGroup, rolePolicy] },
    );
    const permission = new aws.lambda.Permission(
      `${stem}-invoke`,
      { function: fn.name, action: "lambda:InvokeFunction", principal: "sns.amazonaws.com", sourceArn: args.topicArn },
      { parent },
    );
    new aws.sns.TopicSubscription(
      `${stem}-subscription`,
      {
        topic: args.topicArn,
        protocol: "lambda",
        endpoint: fn.arn,
        filterPolicyScope: "MessageBody",
        filterPolicy: JSON.stringify(filterPolicy(receiver, naming.prefix)),
        redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn }),
      },
      { parent, dependsOn: [permission] },
    );
    functions[receiver] = fn;
  }
  return { functions, deadLetterQueue: dlq };
}
