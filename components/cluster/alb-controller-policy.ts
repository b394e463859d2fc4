import * as pulumi from "@pulumi/pulumi";
import { Statement } from "../../lib/iam";

export interface ScopeArgs {
  partition: pulumi.Input<string>;
  region: string;
  accountId: pulumi.Input<string>;
  clusterName: pulumi.Input<string>;
  vpcId: pulumi.Input<string>;
  /** REGIONAL Web ACLs the controller may attach to its load balancers (Ingress `wafv2-acl-arn`); none: no WAF actions. */
  webAclNames: string[];
}

/**
 * Permissions of the AWS Load Balancer Controller: the actions of the controller's published policy
 * (kubernetes-sigs/aws-load-balancer-controller `docs/install/iam_policy.json`), narrowed:
 * - resources are this account's and region's ARNs instead of `*` wherever the action supports
 *   resource-level permissions, and security-group writes are limited to this VPC (`ec2:Vpc`);
 * - the published "tag present" (`Null`) conditions become "tag equals this cluster's name", so
 *   the controller can only change load balancers, target groups and security groups it created
 *   for THIS cluster (it tags them `elbv2.k8s.aws/cluster: <cluster name>`);
 * - Shield Advanced and WAF Classic (`waf-regional`) actions are left out: we use neither (Shield
 *   protections are Pulumi's); WAFv2 association is allowed for the named Web ACLs only (the edge's
 *   REGIONAL ACL, which the Ingresses name in `wafv2-acl-arn`).
 * `*` remains only on Describe/Get/List actions, which AWS does not scope to resources (Service
 * Authorization Reference: no resource types for these actions).
 */
export function albControllerStatements(s: ScopeArgs): Statement[] {
  const elb = (path: string) => pulumi.interpolate`arn:${s.partition}:elasticloadbalancing:${s.region}:${s.accountId}:${path}`;
  const ec2 = (path: string) => pulumi.interpolate`arn:${s.partition}:ec2:${s.region}:${s.accountId}:${path}`;
  const clusterTag = "elbv2.k8s.aws/cluster";
  const ownedByCluster = { StringEquals: { [`aws:ResourceTag/${clusterTag}`]: s.clusterName } };
  const loadBalancers = [elb("loadbalancer/app/*/*"), elb("loadbalancer/net/*/*")];
  const targetGroups = elb("targetgroup/*/*");
  const listeners = [elb("listener/app/*/*/*"), elb("listener/net/*/*/*")];
  const listenerRules = [elb("listener-rule/app/*/*/*/*"), elb("listener-rule/net/*/*/*/*")];
  const securityGroups = ec2("security-group/*");
  return [
    {
      Sid: "ElbServiceLinkedRoleOnly",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: pulumi.interpolate`arn:${s.partition}:iam::${s.accountId}:role/aws-service-role/elasticloadbalancing.amazonaws.com/*`,
      Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
    },
    {
      // Read-only discovery; these actions have no resource-level permissions.
      Sid: "Discover",
      Effect: "Allow",
      Action: [
        "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstances",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeTags",
        "ec2:DescribeRouteTables",
        "ec2:DescribeIpamPools",
        "ec2:GetCoipPoolUsage",
        "ec2:DescribeCoipPools",
        "ec2:GetSecurityGroupsForVpc",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeListenerAttributes",
        "elasticloadbalancing:DescribeListenerCertificates",
        "elasticloadbalancing:DescribeSSLPolicies",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTrustStores",
        "elasticloadbalancing:DescribeCapacityReservation",
        "acm:ListCertificates",
        "acm:DescribeCertificate",
        "cognito-idp:DescribeUserPoolClient",
        "iam:ListServerCertificates",
        "iam:GetServerCertificate",
        "wafv2:GetWebACL",
        "wafv2:GetWebACLForResource",
      ],
      Resource: "*",
    },
    // AssociateWebACL is authorised on both the Web ACL and the load balancer (Service Authorization
    // Reference, AWS WAFV2): only the named ACLs, on this account's load balancers.
    ...(s.webAclNames.length > 0
      ? ([
          {
            Sid: "AttachTheEdgeWebAcl",
            Effect: "Allow",
            Action: ["wafv2:AssociateWebACL", "wafv2:DisassociateWebACL"],
            Resource: [
              ...s.webAclNames.map(
                (n) => pulumi.interpolate`arn:${s.partition}:wafv2:${s.region}:${s.accountId}:regional/webacl/${n}/*`,
              ),
              ...loadBalancers,
            ],
          },
        ] satisfies Statement[])
      : []),
    {
      // Target rules on node security groups, which the controller does not own: this VPC only.
      Sid: "NodeGroupRulesInThisVpc",
      Effect: "Allow",
      Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
      Resource: securityGroups,
      Condition: {
        ArnEquals: { "ec2:Vpc": pulumi.interpolate`arn:${s.partition}:ec2:${s.region}:${s.accountId}:vpc/${s.vpcId}` },
      },
    },
    {
      Sid: "CreateSecurityGroupsInThisVpc",
      Effect: "Allow",
      Action: "ec2:CreateSecurityGroup",
      Resource: [securityGroups, pulumi.interpolate`arn:${s.partition}:ec2:${s.region}:${s.accountId}:vpc/${s.vpcId}`],
      Condition: {
        ArnEqualsIfExists: { "ec2:Vpc": pulumi.interpolate`arn:${s.partition}:ec2:${s.region}:${s.accountId}:vpc/${s.vpcId}` },
      },
    },
    {
      Sid: "TagNewSecurityGroupsForThisCluster",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: securityGroups,
      Condition: {
        StringEquals: { "ec2:CreateAction": "CreateSecurityGroup", [`aws:RequestTag/${clusterTag}`]: s.clusterName },
      },
    },
    {
      Sid: "RetagOwnSecurityGroups",
      Effect: "Allow",
      Action: ["ec2:CreateTags", "ec2:DeleteTags"],
      Resource: securityGroups,
      Condition: { ...ownedByCluster, Null: { [`aws:RequestTag/${clusterTag}`]: "true" } },
    },
    {
      Sid: "ManageOwnSecurityGroups",
      Effect: "Allow",
      Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
      Resource: securityGroups,
      Condition: ownedByCluster,
    },
    {
      Sid: "CreateLoadBalancersForThisCluster",
      Effect: "Allow",
      Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      Resource: [...loadBalancers, targetGroups],
      Condition: { StringEquals: { [`aws:RequestTag/${clusterTag}`]: s.clusterName } },
    },
    {
      Sid: "TagOnCreate",
      Effect: "Allow",
      Action: "elasticloadbalancing:AddTags",
      Resource: [...loadBalancers, targetGroups],
      Condition: {
        StringEquals: {
          "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"],
          [`aws:RequestTag/${clusterTag}`]: s.clusterName,
        },
      },
    },
    {
      Sid: "RetagOwnLoadBalancers",
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      Resource: [...loadBalancers, targetGroups],
      Condition: { ...ownedByCluster, Null: { [`aws:RequestTag/${clusterTag}`]: "true" } },
    },
    {
      Sid: "ManageOwnLoadBalancers",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
      ],
      Resource: [...loadBalancers, targetGroups],
      Condition: ownedByCluster,
    },
    {
      Sid: "RegisterTargetsOfOwnTargetGroups",
      Effect: "Allow",
      Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      Resource: targetGroups,
      Condition: ownedByCluster,
    },
    {
      // Listeners and rules are children of the controller's load balancers; their ARNs carry the
      // load balancer's name, and the actions need the parent ARN (CreateListener) or their own.
      Sid: "ListenersAndRulesOfThisAccount",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
        "elasticloadbalancing:SetWebAcl",
      ],
      Resource: [...loadBalancers, ...listeners, ...listenerRules],
    },
    {
      Sid: "TagListenersAndRules",
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      Resource: [...listeners, ...listenerRules],
    },
  ];
}
