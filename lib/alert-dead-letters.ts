import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "./iam";
import { customerManagedKey, keyPolicy } from "./kms";
import { Naming } from "./naming";

/** SQS keeps a message at most 14 days (SetQueueAttributes, MessageRetentionPeriod). */
const FOURTEEN_DAYS = 14 * 24 * 3600;

export interface AlertDeadLetterArgs {
  naming: Naming;
  accountId: pulumi.Input<string>;
  callerArn: pulumi.Input<string>;
  /** What the queue holds, for the key's description. */
  description: string;
  protect: boolean;
  /** Provider of the rules' region (a target's dead-letter queue is in its rule's region). */
  provider?: pulumi.ProviderResource;
}

/**
 * The dead-letter queue of EventBridge alert targets: an alert EventBridge cannot deliver to the
 * topic after its retries (a broken key or topic policy) is kept 14 days instead of being dropped.
 * Encrypted with its own key, which EventBridge of this account may use. Logical names: the queue
 * `name`, its key `<name>-key` (alias stem `name`); `admitRules` adds the queue policy.
 */
export function alertDeadLetterQueue(parent: pulumi.Resource, name: string, args: AlertDeadLetterArgs): aws.sqs.Queue {
  const { naming } = args;
  const withProvider = args.provider ? { provider: args.provider } : {};
  const key = customerManagedKey(parent, `${name}-key`, {
    naming,
    aliasStem: name,
    description: args.description,
    policy: keyPolicy(args.accountId, args.callerArn, [
      {
        Sid: "EventBridgeOfThisAccount",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
      },
    ]),
    protect: args.protect,
    provider: args.provider,
  });
  return new aws.sqs.Queue(
    name,
    {
      name: naming.physical(name),
      kmsMasterKeyId: key.arn,
      messageRetentionSeconds: FOURTEEN_DAYS,
      tags: { Name: naming.physical(name) },
    },
    { parent, ...withProvider },
  );
}

/** The queue policy (logical name `<queue name>-policy`): only the given rules may park events in it. */
export function admitRules(
  parent: pulumi.Resource,
  name: string,
  queue: aws.sqs.Queue,
  rules: aws.cloudwatch.EventRule[],
  provider?: pulumi.ProviderResource,
): aws.sqs.QueuePolicy {
  return new aws.sqs.QueuePolicy(
    `${name}-policy`,
    {
      queueUrl: queue.url,
      policy: policyDocument([
        {
          Sid: "EventBridgeRulesOfThisStack",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: queue.arn,
          Condition: { ArnEquals: { "aws:SourceArn": rules.map((r) => r.arn) } },
        },
      ]),
    },
    { parent, ...(provider ? { provider } : {}) },
  );
}
