import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { albControllerStatements } from "./alb-controller-policy";
import { serviceAccountRole } from "./iam";
import { NODE_POOL_LABEL } from "./node-groups";
import { CHARTS, ChartVersion } from "./versions";

export interface ChartsArgs {
  naming: Naming;
  region: string;
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  /** The cluster's physical name (known before it exists: tag-condition keys are built from it). */
  clusterName: string;
  vpcId: pulumi.Input<string>;
  oidcProviderArn: pulumi.Input<string>;
  oidcIssuer: pulumi.Input<string>;
  provider: k8s.Provider;
  /** cluster-autoscaler image tag matching the Kubernetes minor. */
  clusterAutoscalerImageTag: string;
  /** Secrets Manager name prefix external-secrets may read, e.g. `b2b-commerce/prod/`. */
  secretsPrefix: string;
  /** KMS keys of those secrets; default: any key of this account, but only through Secrets Manager for them. */
  secretsKmsKeyArns?: pulumi.Input<string>[];
  /** Two replicas of each controller (HA) or one (dev). */
  replicas: number;
  /** REGIONAL Web ACLs the load balancer controller attaches (Ingress `wafv2-acl-arn`); none: WAFv2 off. */
  webAclNames: string[];
  /** Tags of every AWS resource the load balancer controller creates (the stack's required tags). */
  resourceTags: Record<string, string>;
  /** IngressClassParams the `alb` IngressClass refers to (created by another component); none: no parameters. */
  ingressClassParams?: string;
  /** The namespace of external-secrets, created with Pod Security labels by the baseline. */
  externalSecretsNamespace: k8s.core.v1.Namespace;
  dependsOn: pulumi.Resource[];
}

/** Service accounts of the charts; each IRSA role trusts exactly one of them. */
export const SERVICE_ACCOUNTS = {
  awsLoadBalancerController: { namespace: "kube-system", name: "aws-load-balancer-controller" },
  clusterAutoscaler: { namespace: "kube-system", name: "cluster-autoscaler" },
  externalSecrets: { namespace: "external-secrets", name: "external-secrets" },
} as const;

/** System-pool placement and container resources every chart's values carry. */
export function systemPod(cpu: string, memory: string, limitMemory = memory) {
  return {
    nodeSelector: { [NODE_POOL_LABEL]: "system" },
    tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }],
    resources: { requests: { cpu, memory }, limits: { memory: limitMemory } },
  };
}

/**
 * Restricted-profile security contexts, set explicitly (Helm merges them over the charts' own
 * defaults) so that they are visible offline; each chart names the two keys differently.
 */
export const CONTAINER_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};
export const POD_SECURITY_CONTEXT = { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
function hardened(containerKey: string, podKey: string, pod: Record<string, unknown> = {}) {
  return { [containerKey]: CONTAINER_SECURITY_CONTEXT, [podKey]: { ...POD_SECURITY_CONTEXT, ...pod } };
}

function release(
  parent: pulumi.Resource,
  key: string,
  chart: ChartVersion,
  namespace: pulumi.Input<string>,
  values: Record<string, unknown>,
  args: ChartsArgs,
  dependsOn: pulumi.Resource[] = [],
): k8s.helm.v3.Release {
  return new k8s.helm.v3.Release(
    key,
    {
      name: chart.chart,
      chart: chart.chart,
      version: chart.version,
      repositoryOpts: { repo: chart.repo },
      namespace,
      values,
      atomic: true,
      cleanupOnFail: true,
      timeout: 600,
    },
    { parent, provider: args.provider, dependsOn: [...args.dependsOn, ...dependsOn] },
  );
}

/**
 * The platform controllers as Helm releases with pinned chart versions, each with its own IRSA
 * role (trust: one service account; permissions: the narrowest the project documents).
 */
export function createCharts(parent: pulumi.Resource, args: ChartsArgs) {
  const { naming } = args;
  const irsa = { naming, oidcProviderArn: args.oidcProviderArn, oidcIssuer: args.oidcIssuer };
  const annotation = (role: { arn: pulumi.Output<string> }) => ({ "eks.amazonaws.com/role-arn": role.arn });

  // --- AWS Load Balancer Controller -----------------------------------------------------------
  const lbc = SERVICE_ACCOUNTS.awsLoadBalancerController;
  const lbcRole = serviceAccountRole(parent, "aws-load-balancer-controller", {
    ...irsa,
    namespace: lbc.namespace,
    serviceAccount: lbc.name,
    statements: albControllerStatements({
      partition: args.partition,
      region: args.region,
      accountId: args.accountId,
      clusterName: args.clusterName,
      vpcId: args.vpcId,
      webAclNames: args.webAclNames,
    }),
  });
  const lbcRelease = release(
    parent,
    "aws-load-balancer-controller",
    CHARTS.awsLoadBalancerController,
    lbc.namespace,
    {
      // Region and VPC are given because pods cannot read instance metadata (hop limit 1).
      clusterName: args.clusterName,
      region: args.region,
      vpcId: args.vpcId,
      // The controller's --enable-shield and --enable-waf (WAF Classic) default to on, and its IAM
      // policy (alb-controller-policy.ts) leaves those actions out: an ingress annotation asking
      // for Shield or WAF Classic would make reconciliation fail with AccessDenied. Off. WAFv2 is
      // on exactly when a Web ACL is granted: with --enable-wafv2 off the controller would ignore
      // the Ingresses' `wafv2-acl-arn` and leave the public ALB without its WAF.
      enableShield: false,
      enableWaf: false,
      enableWafv2: args.webAclNames.length > 0,
      // The provider's defaultTags do not reach what the controller creates (ALB, target groups, rules).
      defaultTags: args.resourceTags,
      // The chart's `alb` IngressClass refers to the edge's IngressClassParams, created after the
      // chart as its values.yaml recommends (the chart's own would skip the validation webhook);
      // the legacy class annotation, which would bypass the class and its parameters, is refused.
      ...(args.ingressClassParams
        ? { ingressClassParams: { create: false, name: args.ingressClassParams }, disableIngressClassAnnotation: true }
        : {}),
      replicaCount: args.replicas,
      serviceAccount: { create: true, name: lbc.name, annotations: annotation(lbcRole) },
      ...systemPod("50m", "128Mi", "256Mi"),
      ...hardened("securityContext", "podSecurityContext"),
    },
    args,
  );

  // --- metrics-server ---------------------------------------------------------------------------
  const metricsServer = release(
    parent,
    "metrics-server",
    CHARTS.metricsServer,
    "kube-system",
    {
      replicas: args.replicas,
      ...systemPod("50m", "64Mi", "200Mi"),
      ...hardened("securityContext", "podSecurityContext"),
    },
    args,
  );

  // --- cluster-autoscaler -----------------------------------------------------------------------
  // Policy from the cluster-autoscaler AWS README ("Full Cluster Autoscaler Features Policy"):
  // writes only on Auto Scaling groups tagged as this cluster's (managed node groups tag theirs
  // `k8s.io/cluster-autoscaler/<cluster>: owned`); reads have no resource-level permissions.
  const ca = SERVICE_ACCOUNTS.clusterAutoscaler;
  const caRole = serviceAccountRole(parent, "cluster-autoscaler", {
    ...irsa,
    namespace: ca.namespace,
    serviceAccount: ca.name,
    statements: [
      {
        Sid: "ScaleThisClustersGroups",
        Effect: "Allow",
        Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
        Resource: pulumi.interpolate`arn:${args.partition}:autoscaling:${args.region}:${args.accountId}:autoScalingGroup:*:autoScalingGroupName/*`,
        Condition: {
          StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${args.clusterName}`]: "owned" },
        },
      },
      {
        Sid: "DescribeThisClustersNodeGroups",
        Effect: "Allow",
        Action: "eks:DescribeNodegroup",
        Resource: pulumi.interpolate`arn:${args.partition}:eks:${args.region}:${args.accountId}:nodegroup/${args.clusterName}/*/*`,
      },
      {
        Sid: "Discover",
        Effect: "Allow",
        Action: [
          "autoscaling:DescribeAutoScalingGroups",
          "autoscaling:DescribeAutoScalingInstances",
          "autoscaling:DescribeLaunchConfigurations",
          "autoscaling:DescribeScalingActivities",
          "autoscaling:DescribeTags",
          "ec2:DescribeImages",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:GetInstanceTypesFromInstanceRequirements",
        ],
        Resource: "*",
      },
    ],
  });
  const clusterAutoscaler = release(
    parent,
    "cluster-autoscaler",
    CHARTS.clusterAutoscaler,
    ca.namespace,
    {
      cloudProvider: "aws",
      awsRegion: args.region,
      autoDiscovery: { clusterName: args.clusterName },
      image: { tag: args.clusterAutoscalerImageTag },
      rbac: { serviceAccount: { create: true, name: ca.name, annotations: annotation(caRole) } },
      extraArgs: { "balance-similar-node-groups": true, expander: "least-waste", "skip-nodes-with-system-pods": false },
      ...systemPod("100m", "300Mi", "600Mi"),
      // The chart calls the pod context `securityContext`; the image runs as nobody.
      ...hardened("containerSecurityContext", "securityContext", { runAsUser: 65534, runAsGroup: 65534 }),
    },
    args,
  );

  // --- external-secrets -------------------------------------------------------------------------
  // Reads only this stack's secrets (name prefix `<project>/<stack>/`). Decrypt is allowed only
  // when Secrets Manager calls KMS for one of those secrets (kms:ViaService and the SecretARN
  // encryption context Secrets Manager sends: Secrets Manager user guide "Secret encryption").
  const es = SERVICE_ACCOUNTS.externalSecrets;
  const secretArns = pulumi.interpolate`arn:${args.partition}:secretsmanager:${args.region}:${args.accountId}:secret:${args.secretsPrefix}*`;
  const esRole = serviceAccountRole(parent, "external-secrets", {
    ...irsa,
    namespace: es.namespace,
    serviceAccount: es.name,
    statements: [
      {
        Sid: "ReadThisStacksSecrets",
        Effect: "Allow",
        Action: [
          "secretsmanager:GetSecretValue",
          "secretsmanager:DescribeSecret",
          "secretsmanager:ListSecretVersionIds",
          "secretsmanager:GetResourcePolicy",
        ],
        Resource: secretArns,
      },
      {
        Sid: "DecryptThisStacksSecretsThroughSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: args.secretsKmsKeyArns ?? pulumi.interpolate`arn:${args.partition}:kms:${args.region}:${args.accountId}:key/*`,
        Condition: {
          StringEquals: { "kms:ViaService": `secretsmanager.${args.region}.amazonaws.com` },
          StringLike: { "kms:EncryptionContext:SecretARN": secretArns },
        },
      },
    ],
  });
  const externalSecrets = release(
    parent,
    "external-secrets",
    CHARTS.externalSecrets,
    args.externalSecretsNamespace.metadata.name,
    {
      installCRDs: true,
      replicaCount: args.replicas,
      serviceAccount: { create: true, name: es.name, annotations: annotation(esRole) },
      ...systemPod("50m", "128Mi", "256Mi"),
      ...hardened("securityContext", "podSecurityContext"),
      webhook: {
        replicaCount: args.replicas,
        ...systemPod("20m", "64Mi", "128Mi"),
        ...hardened("securityContext", "podSecurityContext"),
      },
      certController: { ...systemPod("20m", "64Mi", "128Mi"), ...hardened("securityContext", "podSecurityContext") },
    },
    args,
    [args.externalSecretsNamespace],
  );

  return {
    roles: { awsLoadBalancerController: lbcRole, clusterAutoscaler: caRole, externalSecrets: esRole },
    releases: { awsLoadBalancerController: lbcRelease, metricsServer, clusterAutoscaler, externalSecrets },
  };
}
