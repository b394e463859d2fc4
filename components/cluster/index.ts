import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterSettings } from "../../infra/sections/cluster";
import { Naming } from "../../lib/naming";
import { remoteOptions } from "../../lib/remote";
import { createNetworkAddons, createWorkloadAddons } from "./addons";
import { createBaseline } from "./baseline";
import { createCharts } from "./charts";
import { createClusterRoles } from "./iam";
import { createClusterKeys } from "./keys";
import { createNodeGroup, createNodeSecurityGroup } from "./node-groups";
import { ADDON_VERSIONS, CLUSTER_AUTOSCALER_IMAGE_TAGS } from "./versions";

export { NodeGroupSpec, CapacityType } from "./node-groups";
export { NamespaceQuota } from "./baseline";

/** The five control-plane log types EKS can send to CloudWatch (EKS user guide "Control plane logs"). */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/** EKS access policy of the cluster-admin access entry (an EKS access policy, not an IAM policy). */
export const CLUSTER_ADMIN_ACCESS_POLICY = "AmazonEKSClusterAdminPolicy";

/** The validated `cluster` config section (infra/sections/cluster.ts) and what the program wires in. */
export interface ClusterArgs extends ClusterSettings {
  /** Builds physical names (`<project>-<stack>-<name>`). */
  naming: Naming;
  /** The stack's region (policies and chart values name it). */
  region: string;
  vpcId: pulumi.Input<string>;
  /** Private subnets, one per AZ: control-plane ENIs and every node group. */
  privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Subnet CIDRs by tier: public/private are load balancer sources, isolated the database subnets. */
  subnetCidrs: { public: string[]; private: string[]; isolated: string[] };
  /** EKS deletion protection on the cluster. */
  deletionProtection: boolean;
  /** `protect` on keys, the log group and the cluster; Retain reclaim policy for volumes. */
  protect: boolean;
  /** Two replicas of each controller (true) or one (false; CoreDNS keeps two). */
  highAvailability: boolean;
  /** Application namespaces: the flow table's workloads (restricted Pod Security, default deny). Default storefront, api, workers. */
  appNamespaces?: string[];
  /** Secrets Manager prefix external-secrets may read. Default `<project>/<stack>/`. */
  secretsPrefix?: string;
  /** KMS keys of those secrets; default: any key of the account, only via Secrets Manager for them. */
  secretsKmsKeyArns?: pulumi.Input<string>[];
  /**
   * Tags for the EC2 instances and volumes the node groups launch: Auto Scaling creates them, so
   * the provider's defaultTags do not reach them. Pass the stack's required tags. Default none.
   */
  nodeTags?: Record<string, string>;
  /**
   * REGIONAL Web ACLs the load balancer controller may attach to the ALBs it builds (the edge's, by
   * name). Default none: the controller's WAFv2 feature is off.
   */
  loadBalancerWebAclNames?: string[];
  /**
   * IngressClassParams (created by the edge) that the `alb` IngressClass refers to: its settings
   * override every Ingress's annotations. Default none: the class has no parameters.
   */
  albIngressClassParams?: string;
  /**
   * The account has no `AWSServiceRoleForAutoScaling` yet: create it before the EBS key names it
   * (infra/service-linked-roles.ts looks it up).
   */
  createAutoScalingServiceLinkedRole: boolean;
}

const DEFAULT_APPS = ["storefront", "api", "workers"];

/**
 * The Kubernetes platform: an EKS cluster (`@pulumi/eks`, API authentication mode, standard
 * support, private endpoint, envelope-encrypted Secrets, all control-plane logs), two managed node
 * groups on Graviton, pinned EKS add-ons and Helm releases with per-service-account IAM roles, and
 * the in-cluster baseline (default StorageClass, namespaces, network policies, quotas).
 *
 * `eks.Cluster` is kept (it builds the kubeconfig and the access setup) but it is a remote component: under mocks and to
 * policies offline only its inputs are visible. Everything whose security must be proven offline
 * is therefore created here with `@pulumi/aws` and passed in: roles, keys, the log group, the node
 * security group, launch templates, node groups, add-ons and access entries.
 */
export class Cluster extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly oidcProviderArn: pulumi.Output<string>;
  /** The OIDC issuer without `https://`. */
  readonly oidcIssuer: pulumi.Output<string>;
  /** Security group of nodes and pods: databases and load balancers allow this group. */
  readonly nodeSecurityGroupId: pulumi.Output<string>;
  /** Role of every managed node (the kubelet pulls images with it). */
  readonly nodeRoleArn: pulumi.Output<string>;
  /** The EKS-created cluster security group (control plane <-> nodes). */
  readonly clusterSecurityGroupId: pulumi.Output<string>;
  /** Kubeconfig (uses `aws eks get-token`); secret. */
  readonly kubeconfig: pulumi.Output<string>;
  /** Every Helm release and Kubernetes object goes through this provider. */
  readonly kubernetesProvider: k8s.Provider;
  /** Platform namespaces by key: storefront, api, workers, monitoring (and external-secrets). */
  readonly namespaces: Record<string, string>;
  /** EKS names and ARNs of the managed node groups, by key (the out-of-hours schedule scales them). */
  readonly nodeGroups: Record<
    "system" | "apps",
    { name: pulumi.Output<string>; arn: pulumi.Output<string>; /** Name tag of the group's instances. */ instanceNameTag: string }
  >;
  /** Name of the nodes' IAM role (components/security attaches its Session Manager policy to it). */
  readonly nodeRoleName: pulumi.Output<string>;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:cluster:Cluster", name, {}, opts);
    const { naming } = args;
    const { protect, highAvailability, publicAccessCidrs } = args;
    const versions = ADDON_VERSIONS[args.kubernetesVersion];
    const autoscalerTag = CLUSTER_AUTOSCALER_IMAGE_TAGS[args.kubernetesVersion];
    if (!versions || !autoscalerTag) {
      throw new Error(`Cluster ${name}: no pinned add-on versions for Kubernetes ${args.kubernetesVersion}`);
    }
    if (publicAccessCidrs.some((c) => c.endsWith("/0"))) {
      throw new Error(`Cluster ${name}: the public endpoint must never be open to the internet (/0)`);
    }
    const parent = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, parent);
    const partition = aws.getPartitionOutput({}, parent).partition;
    const clusterName = naming.physical("eks", "eksCluster");

    const { clusterRole, clusterRolePolicy, nodeRole } = createClusterRoles(this, naming, identity.accountId, partition);
    const keys = createClusterKeys(this, {
      naming,
      accountId: identity.accountId,
      callerArn: identity.arn,
      partition,
      region: args.region,
      clusterRoleArn: clusterRole.arn,
      protect,
      createAutoScalingServiceLinkedRole: args.createAutoScalingServiceLinkedRole,
    });

    // EKS writes to this fixed path; creating it first (encrypted, with retention) stops EKS from
    // creating an unencrypted group that never expires.
    const logGroup = new aws.cloudwatch.LogGroup(
      "control-plane-logs",
      {
        name: `/aws/eks/${clusterName}/cluster`,
        retentionInDays: args.controlPlaneLogRetentionDays,
        kmsKeyId: keys.logs.arn,
        tags: { Name: naming.physical("eks-control-plane-logs"), DataClassification: "confidential" },
      },
      { parent: this, protect },
    );

    const nodeSg = createNodeSecurityGroup(this, naming, args.vpcId);

    const cluster = new eks.Cluster(
      "eks",
      {
        name: clusterName,
        version: args.kubernetesVersion,
        vpcId: args.vpcId,
        privateSubnetIds: args.privateSubnetIds,
        nodeAssociatePublicIpAddress: false,
        endpointPrivateAccess: true,
        endpointPublicAccess: args.endpointPublicAccess,
        // Set only with the public endpoint on: unset, EKS would default the list to 0.0.0.0/0.
        ...(publicAccessCidrs.length > 0 ? { publicAccessCidrs } : {}),
        authenticationMode: "API",
        serviceRole: clusterRole,
        encryptionConfigKeyArn: keys.secrets.arn,
        enabledClusterLogTypes: CONTROL_PLANE_LOG_TYPES,
        // EKS defaults to EXTENDED support (0.60 USD per cluster-hour instead of 0.10 once the
        // version leaves standard support); STANDARD makes EKS upgrade the control plane instead.
        upgradePolicy: { supportType: "STANDARD" },
        deletionProtection: args.deletionProtection,
        createOidcProvider: true,
        // Node groups, security groups and add-ons are created below with @pulumi/aws.
        skipDefaultNodeGroup: true,
        skipDefaultSecurityGroups: true,
        bootstrapSelfManagedAddons: false,
        useDefaultVpcCni: true,
        corednsAddonOptions: { enabled: false },
        kubeProxyAddonOptions: { enabled: false },
        clusterTags: { Name: clusterName },
      },
      // remoteOptions: a remote component gets only providers given explicitly (lib/remote.ts).
      { ...remoteOptions(this), protect, dependsOn: [logGroup, clusterRolePolicy] },
    );

    // Cluster name and endpoint come from the cluster so that dependents wait for it.
    this.clusterName = cluster.eksCluster.name;
    this.endpoint = cluster.eksCluster.endpoint;
    this.oidcProviderArn = cluster.oidcProviderArn;
    this.oidcIssuer = cluster.oidcIssuer.apply((i) => i.replace(/^https:\/\//, ""));
    this.clusterSecurityGroupId = cluster.clusterSecurityGroupId;
    this.nodeSecurityGroupId = nodeSg.id;
    this.nodeRoleArn = nodeRole.arn;
    this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);

    // The private endpoint's ENIs carry the EKS cluster security group, which admits only itself:
    // open 443 to the private subnets so a deploy runner inside the VPC (docs/cluster.md) can reach it.
    for (const [i, cidr] of args.subnetCidrs.private.entries()) {
      new aws.vpc.SecurityGroupIngressRule(
        `api-from-private-${cidr.replace(/[./]/g, "-")}`,
        {
          securityGroupId: this.clusterSecurityGroupId,
          cidrIpv4: cidr,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          description: `Kubernetes API from private subnet ${i + 1}`,
        },
        parent,
      );
    }

    const adminEntry = new aws.eks.AccessEntry(
      "cluster-admin",
      { clusterName: this.clusterName, principalArn: args.clusterAdminRoleArn, type: "STANDARD" },
      parent,
    );
    new aws.eks.AccessPolicyAssociation(
      "cluster-admin",
      {
        clusterName: this.clusterName,
        principalArn: adminEntry.principalArn,
        policyArn: pulumi.interpolate`arn:${partition}:eks::aws:cluster-access-policy/${CLUSTER_ADMIN_ACCESS_POLICY}`,
        accessScope: { type: "cluster" },
      },
      parent,
    );

    const addonArgs = {
      naming,
      clusterName: this.clusterName,
      versions,
      partition,
      oidcProviderArn: this.oidcProviderArn,
      oidcIssuer: this.oidcIssuer,
      ebsKeyArn: keys.ebs.arn,
    };
    const network = createNetworkAddons(this, addonArgs, [cluster]);

    const nodeGroupArgs = {
      naming,
      clusterName: this.clusterName,
      kubernetesVersion: args.kubernetesVersion,
      nodeRoleArn: nodeRole.arn,
      subnetIds: args.privateSubnetIds,
      securityGroupIds: [nodeSg.id, this.clusterSecurityGroupId],
      ebsKeyArn: keys.ebs.arn,
      propagatedTags: args.nodeTags ?? {},
      dependsOn: [network.vpcCni, network.kubeProxy],
    };
    const system = createNodeGroup(this, "system", args.nodeGroups.system, nodeGroupArgs);
    const apps = createNodeGroup(this, "apps", args.nodeGroups.apps, nodeGroupArgs);
    this.nodeGroups = {
      system: { name: system.nodeGroup.nodeGroupName, arn: system.nodeGroup.arn, instanceNameTag: system.instanceNameTag },
      apps: { name: apps.nodeGroup.nodeGroupName, arn: apps.nodeGroup.arn, instanceNameTag: apps.instanceNameTag },
    };

    const workload = createWorkloadAddons(this, addonArgs, [system.nodeGroup]);

    // The platform's own provider: the baseline and the add-on charts go through it.
    const platformProvider = new k8s.Provider(
      "k8s",
      { kubeconfig: this.kubeconfig, enableServerSideApply: true },
      { parent: this, dependsOn: [adminEntry] },
    );

    const ready = [system.nodeGroup, apps.nodeGroup, workload.coredns, workload.ebsCsi];
    const baseline = createBaseline(this, {
      provider: platformProvider,
      kubernetesVersion: args.kubernetesVersion,
      ebsKeyArn: keys.ebs.arn,
      retainVolumes: protect,
      apps: args.appNamespaces ?? DEFAULT_APPS,
      quota: args.namespaceQuota,
      dependsOn: ready,
    });

    const charts = createCharts(this, {
      naming,
      region: args.region,
      accountId: identity.accountId,
      partition,
      clusterName,
      vpcId: args.vpcId,
      oidcProviderArn: this.oidcProviderArn,
      oidcIssuer: this.oidcIssuer,
      provider: platformProvider,
      clusterAutoscalerImageTag: autoscalerTag,
      secretsPrefix: args.secretsPrefix ?? `${naming.project}/${naming.stack}/`,
      secretsKmsKeyArns: args.secretsKmsKeyArns,
      replicas: highAvailability ? 2 : 1,
      webAclNames: args.loadBalancerWebAclNames ?? [],
      ingressClassParams: args.albIngressClassParams,
      resourceTags: args.nodeTags ?? {},
      externalSecretsNamespace: baseline.namespaces["external-secrets"],
      dependsOn: ready,
    });

    // Other components' Kubernetes objects (observability charts, the edge's Ingresses)
    // go through a second provider to the same cluster that exists only after the namespaces, the
    // default StorageClass and the add-on charts (which install CRDs and the ALB IngressClass):
    // every resource using it waits for them without each consumer listing dependencies.
    this.kubernetesProvider = new k8s.Provider(
      "k8s-workloads",
      { kubeconfig: this.kubeconfig, enableServerSideApply: true },
      {
        parent: this,
        dependsOn: [...Object.values(baseline.namespaces), baseline.storageClass, ...Object.values(charts.releases)],
      },
    );

    this.namespaces = Object.fromEntries(Object.keys(baseline.namespaces).map((n) => [n, n]));
    this.nodeRoleName = nodeRole.name;
    this.registerOutputs({
      nodeRoleName: this.nodeRoleName,
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      oidcProviderArn: this.oidcProviderArn,
      oidcIssuer: this.oidcIssuer,
      nodeSecurityGroupId: this.nodeSecurityGroupId,
      clusterSecurityGroupId: this.clusterSecurityGroupId,
      kubeconfig: this.kubeconfig,
      namespaces: this.namespaces,
    });
  }
}
