/**
 * Type tokens, exactly as @pulumi/aws 7.48 / @pulumi/kubernetes 4.34 / the remote components
 * register them (read from each class's `__pulumiType` in node_modules, checked 2026-11). Where v7
 * kept a deprecated alias class with its own token (the S3 `...V2` resources, `aws:alb/...`), both
 * tokens are listed so a program using either is checked.
 */
export const T = {
  rdsInstance: "aws:rds/instance:Instance",
  rdsCluster: "aws:rds/cluster:Cluster",
  rdsParameterGroup: "aws:rds/parameterGroup:ParameterGroup",
  rdsClusterParameterGroup: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  ebsVolume: "aws:ebs/volume:Volume",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  sgIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  subnet: "aws:ec2/subnet:Subnet",
  vpc: "aws:ec2/vpc:Vpc",
  flowLog: "aws:ec2/flowLog:FlowLog",
  awsxVpc: "awsx:ec2:Vpc",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  secret: "aws:secretsmanager/secret:Secret",
  snsTopic: "aws:sns/topic:Topic",
  eksCluster: "aws:eks/cluster:Cluster",
  eksComponentCluster: "eks:index:Cluster",
  eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
  eksAddon: "aws:eks/addon:Addon",
  ecrRepository: "aws:ecr/repository:Repository",
  kmsKey: "aws:kms/key:Key",
  iamRole: "aws:iam/role:Role",
  iamPolicy: "aws:iam/policy:Policy",
  iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
  iamRolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  iamUser: "aws:iam/user:User",
  iamUserPolicy: "aws:iam/userPolicy:UserPolicy",
  iamUserPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  iamGroupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  iamPolicyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  cloudfrontDistribution: "aws:cloudfront/distribution:Distribution",
  cloudfrontOriginAccessControl: "aws:cloudfront/originAccessControl:OriginAccessControl",
  apigatewayRestApi: "aws:apigateway/restApi:RestApi",
  apigatewayStage: "aws:apigateway/stage:Stage",
  route53Zone: "aws:route53/zone:Zone",
  route53HostedZoneDnsSec: "aws:route53/hostedZoneDnsSec:HostedZoneDnsSec",
  route53KeySigningKey: "aws:route53/keySigningKey:KeySigningKey",
  route53QueryLog: "aws:route53/queryLog:QueryLog",
  logDeliverySource: "aws:cloudwatch/logDeliverySource:LogDeliverySource",
  logDelivery: "aws:cloudwatch/logDelivery:LogDelivery",
  wafWebAcl: "aws:wafv2/webAcl:WebAcl",
  wafLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
  wafAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
  helmRelease: "kubernetes:helm.sh/v3:Release",
  /** Remote component: one resource offline (its inputs), the rendered objects at a real preview. */
  helmChartV4: "kubernetes:helm.sh/v4:Chart",
  namespace: "kubernetes:core/v1:Namespace",
  pod: "kubernetes:core/v1:Pod",
  deployment: "kubernetes:apps/v1:Deployment",
  daemonSet: "kubernetes:apps/v1:DaemonSet",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  job: "kubernetes:batch/v1:Job",
  cronJob: "kubernetes:batch/v1:CronJob",
  /** Argo Rollouts' replacement for a Deployment (same pod template path). */
  rollout: "kubernetes:argoproj.io/v1alpha1:Rollout",
} as const;

export const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"] as const;
export const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"] as const;
export const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"] as const;
export const BUCKET_SSE = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
] as const;
export const BUCKET_PAB = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"] as const;
export const BUCKET_OWNERSHIP = ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"] as const;
export const BUCKET_VERSIONING = [
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketVersioningV2:BucketVersioningV2",
] as const;
export const BUCKET_POLICY = ["aws:s3/bucketPolicy:BucketPolicy"] as const;
export const BUCKET_ACL = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"] as const;

/** Helm installs: same `chart`, `version`, `namespace`, `repositoryOpts.repo` inputs. */
export const HELM = [T.helmRelease, T.helmChartV4] as const;

/** Workload kinds whose pod template the Kubernetes policies read. */
export const WORKLOADS = [T.pod, T.deployment, T.daemonSet, T.statefulSet, T.job, T.cronJob, T.rollout] as const;

/** Identity-based policy documents: resource type -> property holding the document. */
export const IDENTITY_POLICY_DOCS: Readonly<Record<string, string>> = {
  [T.iamPolicy]: "policy",
  [T.iamRolePolicy]: "policy",
  [T.iamUserPolicy]: "policy",
  [T.iamGroupPolicy]: "policy",
};
