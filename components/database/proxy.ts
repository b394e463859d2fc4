import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, serviceTrustPolicy } from "../../lib/iam";
import { Naming } from "../../lib/naming";

export interface ProxyArgs {
  naming: Naming;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupId: pulumi.Input<string>;
  instance: aws.rds.Instance;
  /** The database users services log in as (one per workload with a database flow). */
  serviceUsers: string[];
  partition: pulumi.Input<string>;
  maxConnectionsPercent: number;
  accountId: pulumi.Input<string>;
  region: pulumi.Input<string>;
  dependsOn: pulumi.Resource[];
}

/**
 * RDS Proxy in front of the writer with IAM authentication end to end (`defaultAuthScheme:
 * IAM_AUTH`): a service connects with an IAM token for its own database user, and the proxy
 * connects to the database as that same user with a token of its own role. Why not one secret per
 * user (`authScheme: SECRETS`): that needs a secret per service user, rotated, readable by the
 * proxy, and a user granted `rds_iam` cannot log in with a password anyway; with IAM end to end no
 * service password exists at all. The proxy's role may connect as the service users only (never
 * the master user), to this instance only. RDS Proxy read-only endpoints exist only for Aurora, so
 * reads go to the replicas' own endpoints (docs/database.md "How services connect").
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
  if (args.serviceUsers.length > 0) {
    new aws.iam.RolePolicy(
      "proxy-connect",
      {
        role: role.name,
        policy: policyDocument([
          {
            Sid: "ConnectAsTheServiceUsers",
            Effect: "Allow",
            Action: "rds-db:connect",
            Resource: args.serviceUsers.map(
              (u) =>
                pulumi.interpolate`arn:${args.partition}:rds-db:${args.region}:${args.accountId}:dbuser:${args.instance.resourceId}/${u}`,
            ),
          },
        ]),
      },
      { parent },
    );
  }

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
      // End-to-end IAM: no auth entries (they are for secret-based logins).
      defaultAuthScheme: "IAM_AUTH",
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
