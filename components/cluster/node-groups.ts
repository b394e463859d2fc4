import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";

/** `SPOT` (cheaper, can be reclaimed with two minutes' notice) or `ON_DEMAND`. */
export type CapacityType = "ON_DEMAND" | "SPOT";

/** One managed node group. */
export interface NodeGroupSpec {
  /** `ON_DEMAND` (default) or `SPOT`. */
  capacityType?: CapacityType;
  /** Graviton (arm64) instance types; several types make Spot capacity easier to get. */
  instanceTypes: string[];
  minSize: number;
  desiredSize: number;
  maxSize: number;
  /** Root volume size in GiB. Default 50. */
  diskSizeGiB?: number;
}

/** The node-pool label every node carries; system add-ons select `system`. */
export const NODE_POOL_LABEL = "b2b.io/node-pool";

/**
 * The taint of the `system` group. `CriticalAddonsOnly` is the key the EKS add-ons (CoreDNS, EBS
 * CSI controller) and the charts' system components already tolerate, so only they land there.
 */
export const SYSTEM_TAINT = { key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" } as const;

/** AL2023 for Graviton: the EKS-optimized arm64 AMI that managed node groups keep patched. */
export const AMI_TYPE = "AL2023_ARM_64_STANDARD";

/**
 * The nodes' own security group (also the pods', as the VPC CNI gives pods the node's ENI groups):
 * the group that databases and load balancers allow. Nodes also carry the EKS-created cluster
 * security group, which carries control plane <-> kubelet traffic.
 */
export function createNodeSecurityGroup(
  parent: pulumi.Resource,
  naming: Naming,
  vpcId: pulumi.Input<string>,
): aws.ec2.SecurityGroup {
  const opts = { parent };
  const sg = new aws.ec2.SecurityGroup(
    "node-sg",
    {
      name: naming.physical("eks-nodes", "securityGroup"),
      description: "EKS nodes and pods",
      vpcId,
      // Deliberately without the `kubernetes.io/cluster/<name>` tag: the load balancer controller
      // needs exactly one tagged group per ENI, and EKS already tags its cluster security group.
      tags: { Name: naming.physical("eks-nodes") },
    },
    opts,
  );
  new aws.vpc.SecurityGroupIngressRule(
    "node-sg-self",
    {
      securityGroupId: sg.id,
      referencedSecurityGroupId: sg.id,
      ipProtocol: "-1",
      description: "Node to node and pod to pod traffic",
    },
    opts,
  );
  // Egress: image pulls, AWS APIs and the database; Kubernetes NetworkPolicies restrict pods further.
  new aws.vpc.SecurityGroupEgressRule(
    "node-sg-egress",
    { securityGroupId: sg.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "-1", description: "Outbound through NAT and VPC endpoints" },
    opts,
  );
  return sg;
}

export interface NodeGroupArgs {
  naming: Naming;
  clusterName: pulumi.Input<string>;
  kubernetesVersion: string;
  nodeRoleArn: pulumi.Input<string>;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupIds: pulumi.Input<string>[];
  ebsKeyArn: pulumi.Input<string>;
  /** Tags copied onto launched instances and volumes (provider default tags do not reach them). */
  propagatedTags: Record<string, string>;
  dependsOn: pulumi.Resource[];
}

/**
 * A managed node group with its own launch template. `aws.eks.NodeGroup` (a plain custom resource)
 * is used rather than the remote `eks.ManagedNodeGroup` so that capacity type, sizes, AMI type,
 * subnets and the launch template are all visible to tests and policies offline.
 */
export function createNodeGroup(
  parent: pulumi.Resource,
  key: "system" | "apps",
  spec: NodeGroupSpec,
  args: NodeGroupArgs,
): { launchTemplate: aws.ec2.LaunchTemplate; nodeGroup: aws.eks.NodeGroup; instanceNameTag: string } {
  const { naming } = args;
  const opts = { parent };
  const launchTemplate = new aws.ec2.LaunchTemplate(
    `${key}-lt`,
    {
      name: naming.physical(`eks-${key}`),
      description: `EKS ${key} nodes`,
      updateDefaultVersion: true,
      // IMDSv2 only, one hop: pods (one hop further) cannot read the node role's credentials;
      // they get their own through IRSA. Host-network pods (VPC CNI, EBS CSI node) still can.
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: "disabled",
      },
      blockDeviceMappings: [
        {
          // The root device of the AL2023 EKS AMIs.
          deviceName: "/dev/xvda",
          ebs: {
            volumeType: "gp3",
            volumeSize: spec.diskSizeGiB ?? 50,
            encrypted: "true",
            kmsKeyId: args.ebsKeyArn,
            deleteOnTermination: "true",
          },
        },
      ],
      vpcSecurityGroupIds: args.securityGroupIds,
      monitoring: { enabled: true },
      tagSpecifications: [
        // EC2 Auto Scaling launches these, so the provider's defaultTags never reach them: the
        // required tags are copied here for cost allocation.
        { resourceType: "instance", tags: { ...args.propagatedTags, Name: naming.physical(`eks-${key}`) } },
        { resourceType: "volume", tags: { ...args.propagatedTags, Name: naming.physical(`eks-${key}`) } },
      ],
      tags: { Name: naming.physical(`eks-${key}`) },
    },
    opts,
  );

  const nodeGroup = new aws.eks.NodeGroup(
    key,
    {
      clusterName: args.clusterName,
      nodeGroupName: naming.physical(key),
      version: args.kubernetesVersion,
      nodeRoleArn: args.nodeRoleArn,
      // Every private subnet, one per AZ: the group's Auto Scaling group balances across AZs.
      subnetIds: args.subnetIds,
      amiType: AMI_TYPE,
      capacityType: spec.capacityType ?? "ON_DEMAND",
      instanceTypes: spec.instanceTypes,
      scalingConfig: { minSize: spec.minSize, desiredSize: spec.desiredSize, maxSize: spec.maxSize },
      // Roll nodes a third at a time instead of replacing the whole group at once.
      updateConfig: { maxUnavailablePercentage: 33 },
      // EKS node auto repair: a node that reports NotReady or a failed health condition is replaced.
      nodeRepairConfig: { enabled: true },
      launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
      labels: { [NODE_POOL_LABEL]: key },
      taints: key === "system" ? [SYSTEM_TAINT] : [],
      tags: { Name: naming.physical(`eks-${key}`) },
    },
    {
      ...opts,
      dependsOn: args.dependsOn,
      // cluster-autoscaler owns the desired size between min and max; `up` must not reset it.
      ignoreChanges: ["scalingConfig.desiredSize"],
    },
  );
  // The Name tag the launch template gives each instance (fault-injection targets select by it).
  return { launchTemplate, nodeGroup, instanceNameTag: naming.physical(`eks-${key}`) };
}
