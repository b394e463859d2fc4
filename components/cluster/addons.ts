import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { managedPolicyArn, serviceAccountRole } from "./iam";
import { NODE_POOL_LABEL } from "./node-groups";
import { AddonVersions } from "./versions";

export interface AddonArgs {
  naming: Naming;
  clusterName: pulumi.Input<string>;
  versions: AddonVersions;
  partition: pulumi.Input<string>;
  oidcProviderArn: pulumi.Input<string>;
  oidcIssuer: pulumi.Input<string>;
  ebsKeyArn: pulumi.Input<string>;
}

/** Tolerate the system taint and select the system nodes (EKS add-on configuration schemas). */
const onSystemNodes = {
  nodeSelector: { [NODE_POOL_LABEL]: "system" },
  tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }],
};

function addon(
  parent: pulumi.Resource,
  args: AddonArgs,
  name: keyof AddonVersions,
  extra: Partial<aws.eks.AddonArgs>,
  dependsOn: pulumi.Resource[],
): aws.eks.Addon {
  return new aws.eks.Addon(
    name,
    {
      clusterName: args.clusterName,
      addonName: name,
      addonVersion: args.versions[name],
      // The cluster is created without the self-managed add-ons (bootstrapSelfManagedAddons: false),
      // so there is nothing to overwrite on create; on update, our configuration wins.
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      ...extra,
    },
    { parent, dependsOn },
  );
}

/**
 * Networking add-ons that must exist before nodes join (a node is NotReady without a CNI): vpc-cni,
 * with the network policy agent on so that the namespaces' NetworkPolicies are enforced, and
 * kube-proxy.
 */
export function createNetworkAddons(parent: pulumi.Resource, args: AddonArgs, dependsOn: pulumi.Resource[]) {
  const vpcCni = addon(
    parent,
    args,
    "vpc-cni",
    // VPC CNI user guide "Limit Pod traffic with Kubernetes network policies": enableNetworkPolicy.
    { configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) },
    dependsOn,
  );
  const kubeProxy = addon(parent, args, "kube-proxy", {}, dependsOn);
  return { vpcCni, kubeProxy };
}

/**
 * Add-ons that need running nodes (their pods must schedule before EKS reports them ACTIVE):
 * CoreDNS and the EBS CSI driver, whose controller gets its own service-account role.
 */
export function createWorkloadAddons(parent: pulumi.Resource, args: AddonArgs, dependsOn: pulumi.Resource[]) {
  const coredns = addon(
    parent,
    args,
    "coredns",
    { configurationValues: JSON.stringify({ ...onSystemNodes, replicaCount: 2 }) },
    dependsOn,
  );

  // AmazonEBSCSIDriverPolicy is the AWS-managed service policy the EBS CSI user guide names; it
  // scopes volume and snapshot mutations by the driver's own tags. Using a customer-managed key
  // additionally needs the grant and data-key actions on that key (same guide, "KMS encryption").
  const ebsCsiRole = serviceAccountRole(parent, "ebs-csi", {
    naming: args.naming,
    oidcProviderArn: args.oidcProviderArn,
    oidcIssuer: args.oidcIssuer,
    namespace: "kube-system",
    serviceAccount: "ebs-csi-controller-sa",
    managedPolicies: { AmazonEBSCSIDriverPolicy: managedPolicyArn(args.partition, "service-role/AmazonEBSCSIDriverPolicy") },
    statements: [
      {
        Sid: "UseTheVolumeKey",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: args.ebsKeyArn,
      },
      {
        Sid: "GrantsForAttachedVolumes",
        Effect: "Allow",
        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
        Resource: args.ebsKeyArn,
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    ],
  });
  const ebsCsi = addon(
    parent,
    args,
    "aws-ebs-csi-driver",
    {
      serviceAccountRoleArn: ebsCsiRole.arn,
      configurationValues: JSON.stringify({ controller: onSystemNodes }),
    },
    dependsOn,
  );
  return { coredns, ebsCsi, ebsCsiRole };
}
