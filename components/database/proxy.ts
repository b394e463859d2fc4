import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, serviceTrustPolicy } from "../../lib/iam";
import { Naming } from "../../lib/naming";

export interface ProxyArgs {
  naming: Naming;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupId: pulumi.Input<string>;
  secretArn: pulumi.Input<string>;
  kmsKeyArn: pulumi.Input<string>;
  instance: aws.rds.Instance;
  maxConnectionsPercent: number;
  accountId: pulumi.Input<string>;
  region: pulumi.Input<string>;
  dependsOn: pulumi.Resource[];
}

/**
 * RDS Proxy in front of the writer: clients must use TLS and an IAM token (no password reaches a
 * service); the proxy itself logs in with the master secret, which its role may read - that secret
 * only, and the key only through Secrets Manager. RDS Proxy read-only endpoints exist only for
 * Aurora, so reads go to the replicas' own endpoints (docs/database.md).
 */
export function createProxy(parent: pulumi.Resource, args: ProxyArgs) {
  const { naming } = args;
  const role = new aws.iam.Role(
    "proxy-role",
    {
      name: naming.physical("postgres-proxy", "iamRole"),
      assumeRolePolicy: serviceTrustPolicy("rds.amazonaws.com", { accountId: args.accountId }),
    },
    { parent },
  );
  new aws.iam.RolePolicy(
    "proxy-read-secret",
    {
      role: role.name,
      policy: policyDocument([
        { Sid: "ReadTheMasterSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: args.secretArn },
        {
          Sid: "DecryptThroughSecretsManager",
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource: args.kmsKeyArn,
          Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`secretsmanager.${args.region}.amazonaws.com` } },
        },
      ]),
    },
    { parent },
  );

  const proxy = new aws.rds.Proxy(
    "proxy",
    {
      name: naming.physical("postgres", "rdsIdentifier"),
      engineFamily: "POSTGRESQL",
      requireTls: true,
      roleArn: role.arn,
      vpcSubnetIds: args.subnetIds,
      vpcSecurityGroupIds: [args.securityGroupId],
      idleClientTimeout: 1800,
      debugLogging: false,
      auths: [
        {
          authScheme: "SECRETS",
          iamAuth: "REQUIRED",
          clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256",
          secretArn: args.secretArn,
          description: "Master user; clients authenticate with IAM tokens",
        },
      ],
      tags: { Name: naming.physical("postgres-proxy") },
    },
    { parent },
  );
  const targetGroup = new aws.rds.ProxyDefaultTargetGroup(
    "proxy-target-group",
    {
      dbProxyName: proxy.name,
      connectionPoolConfig: {
        maxConnectionsPercent: args.maxConnectionsPercent,
        maxIdleConnectionsPercent: Math.floor(args.maxConnectionsPercent / 2),
        connectionBorrowTimeout: 120,
      },
    },
    { parent },
  );
  const target = new aws.rds.ProxyTarget(
    "proxy-target",
    { dbProxyName: proxy.name, targetGroupName: targetGroup.name, dbInstanceIdentifier: args.instance.identifier },
    { parent, dependsOn: args.dependsOn },
  );
  return { proxy, role, targetGroup, target };
}
