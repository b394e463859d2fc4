import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, serviceTrustPolicy } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { customerManagedKey, logsKeyPolicy } from "../../lib/kms";

export interface FlowLogsArgs {
  naming: Naming;
  vpcId: pulumi.Input<string>;
  retentionDays: number;
  protect: boolean;
}

/**
 * VPC flow logs of ALL traffic to a CloudWatch log group encrypted with a customer-managed key.
 * The delivery role may write only to that group.
 */
export function createFlowLogs(parent: pulumi.Resource, args: FlowLogsArgs) {
  const { naming } = args;
  const opts = { parent };
  const stateful = { parent, protect: args.protect };
  const identity = aws.getCallerIdentityOutput({}, opts);
  const region = aws.getRegionOutput({}, opts);

  const key = customerManagedKey(parent, "flow-logs-key", {
    naming,
    aliasStem: "flow-logs",
    description: "VPC flow logs",
    policy: logsKeyPolicy(identity.accountId, identity.arn, region.region),
    protect: args.protect,
  });

  const logGroup = new aws.cloudwatch.LogGroup(
    "flow-logs",
    {
      name: naming.logGroup("vpc-flow-logs"),
      retentionInDays: args.retentionDays,
      kmsKeyId: key.arn,
    },
    stateful,
  );

  const role = new aws.iam.Role(
    "flow-logs-role",
    {
      name: naming.physical("vpc-flow-logs", "iamRole"),
      assumeRolePolicy: serviceTrustPolicy("vpc-flow-logs.amazonaws.com", {
        accountId: identity.accountId,
        region: region.region,
      }),
    },
    opts,
  );
  new aws.iam.RolePolicy(
    "flow-logs-write",
    {
      role: role.name,
      policy: policyDocument([
        {
          Sid: "WriteThisGroupOnly",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
        },
      ]),
    },
    opts,
  );

  const flowLog = new aws.ec2.FlowLog(
    "flow-log",
    {
      vpcId: args.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      // One-minute aggregation: the shortest AWS offers, for incident forensics.
      maxAggregationInterval: 60,
      tags: { Name: naming.physical("vpc-flow-log") },
    },
    opts,
  );
  return { key, logGroup, role, flowLog };
}
