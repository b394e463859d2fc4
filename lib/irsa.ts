import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement } from "./iam";
import { Naming } from "./naming";

/**
 * Trust policy of an IAM Roles for Service Accounts (IRSA) role: only the one Kubernetes service
 * account `system:serviceaccount:<namespace>:<name>` of this cluster's OIDC issuer, and only tokens
 * minted for STS (`aud`). Both conditions are required: without `sub` any pod of the cluster could
 * assume the role (EKS IRSA documentation, "Configure the role trust policy").
 *
 * @param oidcProviderArn ARN of the cluster's IAM OIDC provider.
 * @param oidcIssuer the issuer host and path without `https://`, e.g. `oidc.eks.eu-central-1.amazonaws.com/id/ABC`.
 */
export function irsaTrustPolicy(
  oidcProviderArn: pulumi.Input<string>,
  oidcIssuer: pulumi.Input<string>,
  namespace: string,
  serviceAccount: string,
): pulumi.Output<string> {
  const issuer = pulumi.output(oidcIssuer).apply((i) => i.replace(/^https:\/\//, ""));
  return pulumi.all([issuer]).apply(([host]) =>
    policyDocument([
      {
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${host}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
            [`${host}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ]),
  );
}

export interface IrsaRoleArgs {
  naming: Naming;
  /** Logical and physical name stem, e.g. `grafana`. */
  name: string;
  oidcProviderArn: pulumi.Input<string>;
  oidcIssuer: pulumi.Input<string>;
  namespace: string;
  serviceAccount: string;
  /** The role's only permissions (one inline policy). */
  statements: Statement[];
}

/** A role that exactly one Kubernetes service account may assume (IRSA), with one inline policy. */
export function irsaRole(parent: pulumi.Resource, args: IrsaRoleArgs): aws.iam.Role {
  const role = new aws.iam.Role(
    `${args.name}-role`,
    {
      name: args.naming.physical(`${args.name}-irsa`, "iamRole"),
      description: `IRSA role of ${args.namespace}/${args.serviceAccount}`,
      assumeRolePolicy: irsaTrustPolicy(args.oidcProviderArn, args.oidcIssuer, args.namespace, args.serviceAccount),
    },
    { parent },
  );
  new aws.iam.RolePolicy(`${args.name}-policy`, { role: role.name, policy: policyDocument(args.statements) }, { parent });
  return role;
}
