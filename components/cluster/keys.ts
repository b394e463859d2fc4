import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { customerManagedKey, keyPolicy, logsKeyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";

export interface ClusterKeysArgs {
  naming: Naming;
  accountId: pulumi.Input<string>;
  callerArn: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  region: string;
  clusterRoleArn: pulumi.Input<string>;
  protect: boolean;
  /** Create `AWSServiceRoleForAutoScaling` (the account has none yet) before the EBS key names it. */
  createAutoScalingServiceLinkedRole: boolean;
}

export interface ClusterKeys {
  /** Envelope encryption of Kubernetes Secrets in etcd. */
  secrets: aws.kms.Key;
  /** Node root volumes and persistent volumes (gp3 StorageClass). */
  ebs: aws.kms.Key;
  /** The control-plane log group. */
  logs: aws.kms.Key;
}

/**
 * The cluster's three customer-managed keys, rotation on. Each key policy lets the account
 * administer the key through IAM, plus exactly the service principals that must use it.
 */
export function createClusterKeys(parent: pulumi.Resource, args: ClusterKeysArgs): ClusterKeys {
  const { naming } = args;
  const { protect } = args;

  // EKS calls KMS as the cluster role to wrap the data keys of Secrets (EKS user guide "Encrypt
  // Kubernetes secrets with KMS on existing clusters"); nothing else may use this key.
  const secrets = customerManagedKey(parent, "secrets-key", {
    naming,
    aliasStem: "eks-secrets",
    description: "EKS secrets envelope encryption",
    tags: { Name: naming.physical("eks-secrets"), DataClassification: "restricted" },
    policy: keyPolicy(args.accountId, args.callerArn, [
      {
        Sid: "EksClusterRoleEncryptsSecrets",
        Effect: "Allow",
        Principal: { AWS: args.clusterRoleArn },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"],
        Resource: "*",
      },
      {
        Sid: "EksClusterRoleGrantsForAwsResources",
        Effect: "Allow",
        Principal: { AWS: args.clusterRoleArn },
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    ]),
    protect,
  });

  // Managed node groups launch instances through EC2 Auto Scaling, whose service-linked role needs
  // the key to create encrypted root volumes (EC2 Auto Scaling user guide "Required AWS KMS key
  // policy for use with encrypted volumes"); without it instances fail to launch.
  // KMS rejects a key policy whose principal does not exist, and this role exists only after an
  // account's first Auto Scaling group: in a fresh account it is created here, and the key takes
  // its ARN from it (so KMS is called after IAM; the AWS provider retries KMS's
  // MalformedPolicyDocumentException while the new role propagates). `retainOnDelete`: the role
  // is the account's, shared with every Auto Scaling group; a later run that finds it stops
  // managing it without deleting it.
  const autoscalingRole = args.createAutoScalingServiceLinkedRole
    ? new aws.iam.ServiceLinkedRole(
        "autoscaling-service-linked-role",
        {
          awsServiceName: "autoscaling.amazonaws.com",
          description: "Default service-linked role of EC2 Auto Scaling (EKS managed node groups)",
        },
        { parent, retainOnDelete: true },
      ).arn
    : pulumi.interpolate`arn:${args.partition}:iam::${args.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
  const ebs = customerManagedKey(parent, "ebs-key", {
    naming,
    aliasStem: "eks-ebs",
    description: "EKS node and persistent volumes",
    tags: { Name: naming.physical("eks-ebs"), DataClassification: "confidential" },
    policy: keyPolicy(args.accountId, args.callerArn, [
      {
        Sid: "AutoScalingUsesKeyForNodeVolumes",
        Effect: "Allow",
        Principal: { AWS: autoscalingRole },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
      },
      {
        Sid: "AutoScalingGrantsForAttachedVolumes",
        Effect: "Allow",
        Principal: { AWS: autoscalingRole },
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    ]),
    protect,
  });

  const logs = customerManagedKey(parent, "logs-key", {
    naming,
    aliasStem: "eks-logs",
    description: "EKS control-plane logs",
    tags: { Name: naming.physical("eks-logs"), DataClassification: "confidential" },
    policy: logsKeyPolicy(args.accountId, args.callerArn, args.region),
    protect,
  });

  return { secrets, ebs, logs };
}
