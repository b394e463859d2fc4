import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, serviceTrustPolicy, Statement } from "../../lib/iam";
import { Naming } from "../../lib/naming";

/** Where an experiment's ARNs live. */
export interface Scope {
  partition: pulumi.Input<string>;
  region: string;
  accountId: pulumi.Input<string>;
}

/**
 * What FIS needs to deliver an experiment's log to CloudWatch Logs (FIS user guide, "Log
 * experiments": logs:CreateLogDelivery, and the log group resource policy calls). None of them
 * takes a resource ARN (Service Authorization Reference, CloudWatch Logs).
 */
const LOG_DELIVERY: Statement = {
  Sid: "ExperimentLogDelivery",
  Effect: "Allow",
  Action: ["logs:CreateLogDelivery", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"],
  Resource: "*",
};

const arn = (s: Scope, service: string, resource: pulumi.Input<string>) =>
  pulumi.interpolate`arn:${s.partition}:${service}:${s.region}:${s.accountId}:${resource}`;

/**
 * aws:ec2:terminate-instances on the apps node group's instances only: TerminateInstances is
 * allowed on instances that carry the group's Name tag (set by its launch template), nothing else.
 * Actions and resources: FIS actions reference, "aws:ec2:terminate-instances"; AWS managed policy
 * AWSFaultInjectionSimulatorEC2Access.
 */
export function nodeTerminationStatements(s: Scope, instanceNameTag: pulumi.Input<string>): Statement[] {
  return [
    {
      Sid: "TerminateAppsNodes",
      Effect: "Allow",
      Action: "ec2:TerminateInstances",
      Resource: arn(s, "ec2", "instance/*"),
      Condition: { StringEquals: { "aws:ResourceTag/Name": instanceNameTag } },
    },
    { Sid: "ResolveTargets", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
  ];
}

/**
 * aws:rds:reboot-db-instances (forceFailover) on the primary only, by ARN (FIS actions reference;
 * AWS managed policy AWSFaultInjectionSimulatorRDSAccess). The target is named by ARN, so the
 * tag-resolution permission (tag:GetResources) is not needed.
 */
export function databaseFailoverStatements(primaryArn: pulumi.Input<string>): Statement[] {
  return [
    { Sid: "RebootPrimaryWithFailover", Effect: "Allow", Action: "rds:RebootDBInstance", Resource: primaryArn },
    { Sid: "ResolveTargets", Effect: "Allow", Action: "rds:DescribeDBInstances", Resource: primaryArn },
  ];
}

/**
 * aws:network:disrupt-connectivity (scope all) on one zone's app subnets: FIS creates a network
 * ACL tagged managedByFIS=true in the VPC, swaps it onto the subnets for the duration and swaps the
 * original back. Create, entries and delete are allowed only on ACLs tagged managedByFIS in this
 * VPC; the association only on the target subnets. From the AWS managed policy
 * AWSFaultInjectionSimulatorNetworkAccess, narrowed from `*` to this VPC and these subnets.
 */
export function zoneDisruptionStatements(s: Scope, vpcId: pulumi.Input<string>, subnetIds: pulumi.Input<string>[]): Statement[] {
  const vpc = arn(s, "ec2", pulumi.interpolate`vpc/${vpcId}`);
  const acls = arn(s, "ec2", "network-acl/*");
  const fisTagged = { "aws:RequestTag/managedByFIS": "true" };
  return [
    { Sid: "CreateAclInTheVpc", Effect: "Allow", Action: "ec2:CreateNetworkAcl", Resource: vpc },
    {
      Sid: "CreateFisTaggedAcl",
      Effect: "Allow",
      Action: "ec2:CreateNetworkAcl",
      Resource: acls,
      Condition: { StringEquals: { ...fisTagged, "ec2:Vpc": vpc } },
    },
    {
      Sid: "TagTheAclAtCreation",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: acls,
      Condition: { StringEquals: { ...fisTagged, "ec2:CreateAction": "CreateNetworkAcl" } },
    },
    {
      Sid: "ChangeFisAclsOnly",
      Effect: "Allow",
      Action: ["ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl"],
      Resource: acls,
      Condition: { StringEquals: { "aws:ResourceTag/managedByFIS": "true", "ec2:Vpc": vpc } },
    },
    {
      Sid: "SwapAclsOfTheTargetSubnets",
      Effect: "Allow",
      Action: "ec2:ReplaceNetworkAclAssociation",
      Resource: [...subnetIds.map((id) => arn(s, "ec2", pulumi.interpolate`subnet/${id}`)), acls],
      Condition: { StringEquals: { "ec2:Vpc": vpc } },
    },
    {
      Sid: "ResolveTargets",
      Effect: "Allow",
      Action: ["ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeNetworkAcls", "ec2:DescribeManagedPrefixLists"],
      Resource: "*",
    },
    {
      Sid: "ReadPrefixLists",
      Effect: "Allow",
      Action: "ec2:GetManagedPrefixListEntries",
      Resource: arn(s, "ec2", "prefix-list/*"),
    },
  ];
}

/**
 * aws:eks:pod-delete: FIS only reads the cluster (its endpoint and CA) from AWS; what it may do in
 * the cluster is the namespace Role bound to its access entry's user (kubernetes.ts). AWS managed
 * policy AWSFaultInjectionSimulatorEKSAccess, narrowed to this cluster.
 */
export function podDeletionStatements(clusterArn: pulumi.Input<string>): Statement[] {
  return [
    { Sid: "ReadTheCluster", Effect: "Allow", Action: "eks:DescribeCluster", Resource: clusterArn },
    { Sid: "ResolveTargets", Effect: "Allow", Action: "ec2:DescribeSubnets", Resource: "*" },
  ];
}

/** One experiment's role: FIS of this account may assume it; its policy is the experiment's statements plus log delivery. */
export function experimentRole(
  parent: pulumi.Resource,
  naming: Naming,
  key: string,
  scope: Scope,
  statements: Statement[],
): aws.iam.Role {
  const role = new aws.iam.Role(
    `${key}-role`,
    {
      name: naming.physical(`fis-${key}`, "iamRole"),
      description: `AWS FIS experiment ${key}: its targets only`,
      assumeRolePolicy: serviceTrustPolicy("fis.amazonaws.com", { accountId: scope.accountId, region: scope.region }),
      tags: { Name: naming.physical(`fis-${key}`) },
    },
    { parent },
  );
  new aws.iam.RolePolicy(
    `${key}-policy`,
    { role: role.id, name: `fis-${key}`, policy: policyDocument([...statements, LOG_DELIVERY]) },
    { parent },
  );
  return role;
}
