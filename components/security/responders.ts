import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement, serviceTrustPolicy } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { AccountContext, auditLogGroup } from "./archive";
import { ResponseMode } from "./types";

/** The automated first responses: handler file (responders/<name>.mjs) and the events that trigger it. */
export const RESPONDERS = {
  "public-bucket": {
    runbook: "security-access-analyzer",
    description: "Re-applies S3 Block Public Access to a bucket reported public",
    pattern: {
      $or: [
        {
          source: ["aws.access-analyzer"],
          "detail-type": ["Access Analyzer Finding"],
          detail: { resourceType: ["AWS::S3::Bucket"], isPublic: [true], status: ["ACTIVE"] },
        },
        {
          source: ["aws.guardduty"],
          "detail-type": ["GuardDuty Finding"],
          detail: {
            type: [
              "Policy:S3/BucketBlockPublicAccessDisabled",
              "Policy:S3/BucketAnonymousAccessGranted",
              "Policy:S3/BucketPublicAccessGranted",
            ],
          },
        },
      ],
    },
  },
  "access-key": {
    runbook: "security-credentials-exposed",
    description: "Deactivates an IAM user access key reported exposed or abused",
    pattern: {
      $or: [
        {
          source: ["aws.health"],
          "detail-type": ["AWS Health Event"],
          detail: { eventTypeCode: ["AWS_RISK_CREDENTIALS_EXPOSED"] },
        },
        {
          source: ["aws.guardduty"],
          "detail-type": ["GuardDuty Finding"],
          detail: { severity: [{ numeric: [">=", 7] }], resource: { accessKeyDetails: { userType: ["IAMUser"] } } },
        },
      ],
    },
  },
  "isolate-node": {
    runbook: "security-guardduty",
    description: "Isolates and snapshots an EC2 instance GuardDuty reports compromised",
    pattern: {
      source: ["aws.guardduty"],
      "detail-type": ["GuardDuty Finding"],
      detail: { severity: [{ numeric: [">=", 7] }], resource: { resourceType: ["Instance"] } },
    },
  },
} as const;

export type ResponderName = keyof typeof RESPONDERS;
export const RESPONDER_DIR = path.join(__dirname, "responders");

export interface RespondersArgs {
  naming: Naming;
  ctx: AccountContext;
  mode: ResponseMode;
  runbooks: Runbooks;
  /** Dead-letter queue of the trigger rules' targets. */
  deadLetterArn: pulumi.Input<string>;
  alertTopicArn: pulumi.Input<string>;
  alertTopicKeyArn: pulumi.Input<string>;
  logKeyArn: pulumi.Input<string>;
  logRetentionDays: number;
  vpcId: pulumi.Input<string>;
}

/**
 * Three small Lambda functions, each with its own role that can do its one job and nothing else,
 * its own encrypted log group and its own EventBridge rule. They call only AWS APIs, so they run
 * outside the VPC (no network path into the platform).
 */
export function createResponders(parent: pulumi.Resource, args: RespondersArgs) {
  const { naming, ctx } = args;
  const vpcArn = pulumi.interpolate`arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:vpc/${args.vpcId}`;
  const ec2Arn = (kind: string) => pulumi.interpolate`arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:${kind}`;

  // No rules at all: new connections neither in nor out (a group without egress rules denies egress).
  const quarantine = new aws.ec2.SecurityGroup(
    "quarantine-sg",
    {
      name: naming.physical("quarantine", "securityGroup"),
      description: "Quarantine: no ingress, no egress (automated isolation of compromised instances)",
      vpcId: args.vpcId,
      tags: { Name: naming.physical("quarantine", "securityGroup") },
    },
    { parent },
  );
  const quarantineArn = pulumi.interpolate`arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:security-group/${quarantine.id}`;

  const jobs: Record<ResponderName, Statement[]> = {
    "public-bucket": [
      {
        Sid: "ReapplyBlockPublicAccessOnThisAccountsBuckets",
        Effect: "Allow",
        Action: ["s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"],
        Resource: pulumi.interpolate`arn:${ctx.partition}:s3:::*`,
        Condition: { StringEquals: { "s3:ResourceAccount": ctx.accountId } },
      },
    ],
    "access-key": [
      {
        Sid: "DeactivateUserAccessKeys",
        Effect: "Allow",
        Action: ["iam:GetAccessKeyLastUsed", "iam:ListAccessKeys", "iam:UpdateAccessKey"],
        Resource: pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:user/*`,
      },
    ],
    "isolate-node": [
      {
        // Describe* actions support no resource-level scoping (Service Authorization Reference, EC2).
        Sid: "ReadInstancesAndSnapshots",
        Effect: "Allow",
        Action: ["ec2:DescribeInstances", "ec2:DescribeSnapshots"],
        Resource: "*",
      },
      {
        Sid: "SwapInterfacesToQuarantineInThePlatformVpc",
        Effect: "Allow",
        Action: "ec2:ModifyNetworkInterfaceAttribute",
        Resource: [ec2Arn("network-interface/*"), quarantineArn, ec2Arn("instance/*")],
        Condition: { ArnEquals: { "ec2:Vpc": vpcArn } },
      },
      {
        Sid: "SnapshotVolumes",
        Effect: "Allow",
        Action: "ec2:CreateSnapshot",
        Resource: [ec2Arn("volume/*"), pulumi.interpolate`arn:${ctx.partition}:ec2:${ctx.region}::snapshot/*`],
      },
      {
        Sid: "TagSnapshotsAtCreation",
        Effect: "Allow",
        Action: "ec2:CreateTags",
        Resource: pulumi.interpolate`arn:${ctx.partition}:ec2:${ctx.region}::snapshot/*`,
        Condition: { StringEquals: { "ec2:CreateAction": "CreateSnapshot" } },
      },
      {
        Sid: "MarkInstanceQuarantined",
        Effect: "Allow",
        Action: "ec2:CreateTags",
        Resource: ec2Arn("instance/*"),
        Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["Quarantine"] } },
      },
    ],
  };

  const functions: Record<string, aws.lambda.Function> = {};
  for (const [key, spec] of Object.entries(RESPONDERS) as [ResponderName, (typeof RESPONDERS)[ResponderName]][]) {
    const functionName = naming.physical(`respond-${key}`);
    const logGroup = auditLogGroup(parent, `respond-${key}-logs`, {
      name: `/aws/lambda/${functionName}`,
      tagName: functionName,
      retentionInDays: args.logRetentionDays,
      keyArn: args.logKeyArn,
    });
    const role = new aws.iam.Role(
      `respond-${key}-role`,
      {
        name: naming.physical(`respond-${key}`, "iamRole"),
        assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", { accountId: ctx.accountId }),
      },
      { parent },
    );
    const rolePolicy = new aws.iam.RolePolicy(
      `respond-${key}-policy`,
      {
        role: role.name,
        policy: policyDocument([
          ...jobs[key],
          { Sid: "ReportToTheAlertTopic", Effect: "Allow", Action: "sns:Publish", Resource: args.alertTopicArn },
          {
            Sid: "EncryptReportsForTheTopic",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: args.alertTopicKeyArn,
            Condition: { StringEquals: { "kms:ViaService": `sns.${ctx.region}.amazonaws.com` } },
          },
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
      `respond-${key}`,
      {
        name: functionName,
        description: spec.description,
        runtime: "nodejs22.x",
        architectures: ["arm64"],
        handler: `${key}.handler`,
        role: role.arn,
        code: new pulumi.asset.FileArchive(RESPONDER_DIR),
        timeout: 120,
        memorySize: 256,
        // One finding at a time per function: two concurrent isolations of one node would race.
        reservedConcurrentExecutions: 2,
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        environment: {
          variables: {
            RESPONSE_MODE: args.mode,
            RUNBOOK_URL: args.runbooks.url(spec.runbook),
            ALERT_TOPIC_ARN: args.alertTopicArn,
            ACCOUNT_ID: ctx.accountId,
            ...(key === "isolate-node" ? { VPC_ID: args.vpcId, QUARANTINE_SECURITY_GROUP_ID: quarantine.id } : {}),
          },
        },
        tags: { Name: functionName },
      },
      { parent, dependsOn: [logGroup, rolePolicy] },
    );
    const rule = new aws.cloudwatch.EventRule(
      `respond-${key}-trigger`,
      { name: naming.physical(`respond-${key}`), description: spec.description, eventPattern: JSON.stringify(spec.pattern) },
      { parent },
    );
    const permission = new aws.lambda.Permission(
      `respond-${key}-invoke`,
      { function: fn.name, action: "lambda:InvokeFunction", principal: "events.amazonaws.com", sourceArn: rule.arn },
      { parent },
    );
    new aws.cloudwatch.EventTarget(
      `respond-${key}-target`,
      { rule: rule.name, arn: fn.arn, deadLetterConfig: { arn: args.deadLetterArn } },
      { parent, dependsOn: [permission] },
    );
    functions[key] = fn;
  }
  return { functions, quarantine };
}
