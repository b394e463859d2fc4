import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, serviceTrustPolicy, Statement } from "../../lib/iam";
import { irsaTrustPolicy } from "../../lib/irsa";
import { Naming } from "../../lib/naming";

/** `arn:<partition>:iam::aws:policy/<name>`: AWS-managed policies by name. */
export function managedPolicyArn(partition: pulumi.Input<string>, name: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:${partition}:iam::aws:policy/${name}`;
}

/**
 * The AWS-managed policies of the node role, and nothing else (EKS user guide "Amazon EKS node IAM
 * role"): join the cluster, run the VPC CNI (which gives pods VPC addresses from the node's ENIs)
 * and pull images from ECR. AmazonSSMManagedInstanceCore is deliberately absent: day-to-day node
 * access is `kubectl debug node/...` (Kubernetes RBAC and audit). The break-glass path, Session
 * Manager with encrypted transcripts, gets a narrower policy from components/security.
 */
export const NODE_ROLE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"];

export interface ClusterRoles {
  clusterRole: aws.iam.Role;
  /** The cluster role's policy attachment: the cluster must wait for it, not only for the role. */
  clusterRolePolicy: aws.iam.RolePolicyAttachment;
  nodeRole: aws.iam.Role;
}

/** The EKS service role (control plane) and the role of every managed node. */
export function createClusterRoles(
  parent: pulumi.Resource,
  naming: Naming,
  accountId: pulumi.Input<string>,
  partition: pulumi.Input<string>,
): ClusterRoles {
  const opts = { parent };
  const clusterRole = new aws.iam.Role(
    "cluster-role",
    {
      name: naming.physical("eks-cluster", "iamRole"),
      description: "EKS control plane service role",
      assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com", { accountId }),
    },
    opts,
  );
  // The one policy EKS documents for the cluster role (EKS user guide "Amazon EKS cluster IAM role").
  const clusterRolePolicy = new aws.iam.RolePolicyAttachment(
    "cluster-role-eks",
    { role: clusterRole.name, policyArn: managedPolicyArn(partition, "AmazonEKSClusterPolicy") },
    opts,
  );

  const nodeRole = new aws.iam.Role(
    "node-role",
    {
      name: naming.physical("eks-node", "iamRole"),
      description: "EKS managed node groups",
      assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com", { accountId }),
    },
    opts,
  );
  for (const policy of NODE_ROLE_POLICIES) {
    new aws.iam.RolePolicyAttachment(
      `node-role-${policy}`,
      { role: nodeRole.name, policyArn: managedPolicyArn(partition, policy) },
      opts,
    );
  }
  return { clusterRole, clusterRolePolicy, nodeRole };
}

export interface ServiceAccountRoleArgs {
  naming: Naming;
  oidcProviderArn: pulumi.Input<string>;
  oidcIssuer: pulumi.Input<string>;
  namespace: string;
  serviceAccount: string;
  /** Inline permissions (the narrowest the add-on's documentation allows). */
  statements?: Statement[];
  /** AWS-managed service policies to attach, by policy name (only policies AWS publishes for that add-on). */
  managedPolicies?: Record<string, pulumi.Input<string>>;
}

/**
 * An IAM role for exactly one Kubernetes service account (IRSA): the trust policy comes from the
 * shared `irsaTrustPolicy` (one `sub`, `aud` = sts.amazonaws.com).
 */
export function serviceAccountRole(parent: pulumi.Resource, key: string, args: ServiceAccountRoleArgs): aws.iam.Role {
  const opts = { parent };
  const role = new aws.iam.Role(
    `${key}-role`,
    {
      name: args.naming.physical(`irsa-${key}`, "iamRole"),
      description: `IRSA role of ${args.namespace}/${args.serviceAccount}`,
      assumeRolePolicy: irsaTrustPolicy(args.oidcProviderArn, args.oidcIssuer, args.namespace, args.serviceAccount),
    },
    opts,
  );
  if (args.statements && args.statements.length > 0) {
    new aws.iam.RolePolicy(`${key}-policy`, { role: role.name, policy: policyDocument(args.statements) }, opts);
  }
  for (const [policyName, arn] of Object.entries(args.managedPolicies ?? {})) {
    new aws.iam.RolePolicyAttachment(`${key}-${policyName}`, { role: role.name, policyArn: arn }, opts);
  }
  return role;
}
