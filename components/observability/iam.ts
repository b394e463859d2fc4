import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement } from "../../lib/iam";
import { irsaTrustPolicy } from "../../lib/irsa";
import { Naming } from "../../lib/naming";

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
