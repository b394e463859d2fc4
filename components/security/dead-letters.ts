import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "../../lib/iam";
import { customerManagedKey, keyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { queueNotEmptyAlarm } from "../observability/alarms";
import { AccountContext } from "./archive";

/** SQS keeps a message at most 14 days (SetQueueAttributes, MessageRetentionPeriod). */
const FOURTEEN_DAYS = 14 * 24 * 3600;

export interface DeadLetterArgs {
  naming: Naming;
  ctx: AccountContext;
  /** Region of the rules whose targets use the queue (a target's DLQ is in the rule's region). */
  region: string;
  /** Logical and physical stem; the queue admits EventBridge rules named `<prefix>-<rulePrefix>*`. */
  name: string;
  rulePrefixes: string[];
  provider?: pulumi.ProviderResource;
}

/**
 * The dead-letter queue of security event targets: an event EventBridge cannot deliver after its
 * retries (a key or topic policy broken, a function throttled) is kept here for 14 days instead of
 * being dropped. Encrypted with its own customer-managed key, which EventBridge of this account may
 * use; only this account's security rules may send to it.
 */
export function deadLetterQueue(parent: pulumi.Resource, args: DeadLetterArgs) {
  const { naming, ctx } = args;
  const withProvider = args.provider ? { provider: args.provider } : {};
  const key = customerManagedKey(parent, `${args.name}-key`, {
    naming,
    aliasStem: args.name,
    description: "undelivered security events",
    policy: keyPolicy(ctx.accountId, ctx.callerArn, [
      {
        Sid: "EventBridgeOfThisAccount",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
      },
    ]),
    protect: true,
    provider: args.provider,
  });
  const queue = new aws.sqs.Queue(
    args.name,
    {
      name: naming.physical(args.name),
      kmsMasterKeyId: key.arn,
      messageRetentionSeconds: FOURTEEN_DAYS,
      tags: { Name: naming.physical(args.name), DataClassification: "confidential" },
    },
    { parent, ...withProvider },
  );
  new aws.sqs.QueuePolicy(
    `${args.name}-policy`,
    {
      queueUrl: queue.url,
      policy: policyDocument([
        {
          Sid: "SecurityRulesOfThisAccount",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: queue.arn,
          Condition: {
            ArnLike: {
              "aws:SourceArn": args.rulePrefixes.map(
                (p) =>
                  pulumi.interpolate`arn:${ctx.partition}:events:${args.region}:${ctx.accountId}:rule/${naming.physical(p)}*`,
              ),
            },
          },
        },
      ]),
    },
    { parent, ...withProvider },
  );
  return queue;
}

/** Pages when an event is parked in the (home-region) dead-letter queue: someone was not told. */
export function deadLetterAlarm(
  parent: pulumi.Resource,
  naming: Naming,
  runbooks: Runbooks,
  topicArn: pulumi.Input<string>,
  queue: aws.sqs.Queue,
) {
  return queueNotEmptyAlarm(
    { parent, naming, topicArn, runbooks },
    "security-events-undelivered",
    queue.name,
    "A security event could not be delivered (to the alert topic or a response function).",
  );
}
