/**
 * Resource types that AWS does not bill for by themselves, each with the reason. Their usage, where
 * billed, is priced elsewhere (log deliveries as CloudWatch Logs ingestion, listeners as ALB LCUs).
 * A type neither priced by tools/cost/estimate.ts nor listed here is reported as unknown.
 */
export const FREE_TYPES: Readonly<Record<string, string>> = {
  "aws:cognito/identityPool:IdentityPool": "Cognito identity pools have no charge (Amazon Cognito pricing: federated identities)",
  "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment": "configuration of an identity pool",
  "aws:iam/role:Role": "IAM is free",
  "aws:iam/rolePolicy:RolePolicy": "IAM is free",
  "aws:iam/policy:Policy": "IAM is free",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "IAM is free",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": "IAM is free",
  "aws:ec2/securityGroup:SecurityGroup": "security groups are free",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "security groups are free",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "security groups are free",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "security groups are free",
  "aws:ec2/flowLog:FlowLog": "billed as CloudWatch Logs ingestion (usage line)",
  "aws:ec2/launchTemplate:LaunchTemplate": "the instances and volumes it launches are priced on the node group",
  "aws:kms/alias:Alias": "aliases are free; the key is priced",
  "aws:elasticache/user:User": "RBAC users are free",
  "aws:elasticache/userGroup:UserGroup": "RBAC user groups are free",
  "aws:cloudwatch/logGroup:LogGroup": "billed by ingestion and storage (usage lines)",
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": "subscription filters are free; the stream they feed is billed",
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": "metric filters are free; alarms on them are priced",
  "aws:cloudwatch/logDelivery:LogDelivery": "billed as CloudWatch Logs ingestion (usage line)",
  "aws:cloudwatch/logDeliverySource:LogDeliverySource": "billed as CloudWatch Logs ingestion (usage line)",
  "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": "billed as CloudWatch Logs ingestion (usage line)",
  "aws:s3/bucketPolicy:BucketPolicy": "configuration of a bucket",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": "configuration of a bucket",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "configuration of a bucket",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": "configuration of a bucket",
  "aws:s3/bucketVersioning:BucketVersioning": "configuration of a bucket",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": "configuration of a bucket",
  "aws:sns/topicPolicy:TopicPolicy": "configuration of a topic",
  "aws:sns/topicSubscription:TopicSubscription": "e-mail notifications: first 1,000 a month free",
  "aws:eks/accessEntry:AccessEntry": "part of the cluster",
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": "part of the cluster",
  "aws:eks/addon:Addon": "EKS add-ons are free; their pods run on the priced nodes",
  "aws:lb/listener:Listener": "part of the load balancer (LCUs)",
  "aws:lb/listenerRule:ListenerRule": "part of the load balancer (LCUs)",
  "aws:lb/targetGroup:TargetGroup": "part of the load balancer",
  "aws:acm/certificate:Certificate": "public ACM certificates are free",
  "aws:acm/certificateValidation:CertificateValidation": "a wait, not a resource",
  "aws:route53/record:Record": "records are free; queries to alias records of AWS resources are free",
  "aws:cloudfront/originAccessControl:OriginAccessControl": "configuration of a distribution",
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": "configuration of a distribution",
  "aws:wafv2/ipSet:IpSet": "referenced by a priced rule",
  "aws:wafv2/webAclAssociation:WebAclAssociation": "configuration of a web ACL",
  "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": "billed as CloudWatch Logs ingestion (usage line)",
  "aws:rds/parameterGroup:ParameterGroup": "configuration of an instance",
  "aws:rds/subnetGroup:SubnetGroup": "configuration of an instance",
  "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": "configuration of the proxy",
  "aws:rds/proxyTarget:ProxyTarget": "configuration of the proxy",
  "aws:secretsmanager/secretRotation:SecretRotation": "configuration of a secret",
  "aws:lambda/permission:Permission": "configuration of a function",
  "aws:scheduler/schedule:Schedule": "EventBridge Scheduler: first 14 million invocations a month free",
  "aws:costexplorer/anomalyMonitor:AnomalyMonitor": "Cost Anomaly Detection is free",
  "aws:costexplorer/anomalySubscription:AnomalySubscription": "Cost Anomaly Detection is free",
  "aws:costexplorer/costAllocationTag:CostAllocationTag": "cost allocation tags are free",
  "aws:computeoptimizer/enrollmentStatus:EnrollmentStatus": "Compute Optimizer's default recommendations are free",
  "aws:elasticache/parameterGroup:ParameterGroup": "configuration of a replication group",
  "aws:elasticache/subnetGroup:SubnetGroup": "configuration of a replication group",
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": "configuration of a repository (its storage is the repository's)",
  "aws:ecr/repositoryPolicy:RepositoryPolicy": "configuration of a repository",
  "aws:ecr/pullThroughCacheRule:PullThroughCacheRule": "the cached images bill as repository storage",
  "random:index/randomPassword:RandomPassword": "not an AWS resource",
  "pulumi:pulumi:Stack": "not an AWS resource",
};

/** Kubernetes objects run on the priced nodes; persistent volumes are priced where their size is known. */
export function freeReason(type: string, custom: boolean, remote: boolean): string | undefined {
  if (FREE_TYPES[type]) return FREE_TYPES[type];
  if (type.startsWith("pulumi:providers:")) return "a provider, not a resource";
  if (!custom && !remote) return "a component (its children are priced)";
  if (type.startsWith("kubernetes:")) return "runs on the priced nodes";
  return undefined;
}
