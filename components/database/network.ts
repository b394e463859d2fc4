import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";

export const POSTGRES_PORT = 5432;

export interface DatabaseNetworkArgs {
  naming: Naming;
  vpcId: pulumi.Input<string>;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Create the proxy's group (and the rules between it and the database). */
  proxy: boolean;
  /** The VPC endpoints' group, when the stack has interface endpoints (the functions reach Secrets Manager there). */
  endpointSecurityGroupId?: pulumi.Input<string>;
}

/**
 * The subnet group (isolated subnets) and the security groups. All rules are separate rule
 * resources (never inline), so that no other ingress can be added by a second inline list, and
 * every rule names its peer group. Here: the proxy may only reach the database, which admits it.
 * Who reaches the proxy (or, without one, the database) is the flow table's business
 * (components/flows): the group clients connect to is returned as `clientSg`. A security group
 * created by the provider loses AWS's default allow-all egress rule.
 */
export function createDatabaseNetwork(parent: pulumi.Resource, args: DatabaseNetworkArgs) {
  const { naming } = args;
  const opts = { parent };

  const subnetGroup = new aws.rds.SubnetGroup(
    "db-subnets",
    {
      name: naming.physical("postgres"),
      description: "Isolated subnets of the PostgreSQL instances",
      subnetIds: args.subnetIds,
      tags: { Name: naming.physical("postgres") },
    },
    opts,
  );

  const dbSg = new aws.ec2.SecurityGroup(
    "db-sg",
    {
      name: naming.physical("postgres", "securityGroup"),
      description: "PostgreSQL: 5432 from the RDS Proxy and the flow table's clients only",
      vpcId: args.vpcId,
      tags: { Name: naming.physical("postgres") },
    },
    opts,
  );
  let proxySg: aws.ec2.SecurityGroup | undefined;
  if (args.proxy) {
    proxySg = new aws.ec2.SecurityGroup(
      "proxy-sg",
      {
        name: naming.physical("postgres-proxy", "securityGroup"),
        description: "RDS Proxy: 5432 from the flow table's clients, out to the database only",
        vpcId: args.vpcId,
        tags: { Name: naming.physical("postgres-proxy") },
      },
      opts,
    );
    new aws.vpc.SecurityGroupEgressRule(
      "proxy-to-db",
      {
        securityGroupId: proxySg.id,
        description: "PostgreSQL to the database",
        ipProtocol: "tcp",
        fromPort: POSTGRES_PORT,
        toPort: POSTGRES_PORT,
        referencedSecurityGroupId: dbSg.id,
        tags: { Name: naming.physical("proxy-to-postgres") },
      },
      opts,
    );
    new aws.vpc.SecurityGroupIngressRule(
      "db-from-proxy",
      {
        securityGroupId: dbSg.id,
        description: "PostgreSQL from the RDS Proxy",
        ipProtocol: "tcp",
        fromPort: POSTGRES_PORT,
        toPort: POSTGRES_PORT,
        referencedSecurityGroupId: proxySg.id,
        tags: { Name: naming.physical("postgres-from-proxy") },
      },
      opts,
    );
  }
  // The platform's own functions that log in to the database (rotation, user bootstrap): 5432 to
  // the database only, HTTPS to AWS APIs (Secrets Manager: the endpoint where there is one; RDS:
  // no endpoint here, so through the NAT).
  const functionsSg = new aws.ec2.SecurityGroup(
    "db-functions-sg",
    {
      name: naming.physical("postgres-functions", "securityGroup"),
      description: "Database rotation and bootstrap functions: PostgreSQL and AWS APIs only",
      vpcId: args.vpcId,
      tags: { Name: naming.physical("postgres-functions") },
    },
    opts,
  );
  new aws.vpc.SecurityGroupEgressRule(
    "db-functions-to-db",
    {
      securityGroupId: functionsSg.id,
      description: "PostgreSQL to the database",
      ipProtocol: "tcp",
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      referencedSecurityGroupId: dbSg.id,
      tags: { Name: naming.physical("postgres-functions-to-db") },
    },
    opts,
  );
  new aws.vpc.SecurityGroupEgressRule(
    "db-functions-to-aws-apis",
    {
      securityGroupId: functionsSg.id,
      description: "HTTPS to the Secrets Manager and RDS APIs (endpoints or NAT)",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
      tags: { Name: naming.physical("postgres-functions-to-aws") },
    },
    opts,
  );
  new aws.vpc.SecurityGroupIngressRule(
    "db-from-functions",
    {
      securityGroupId: dbSg.id,
      description: "PostgreSQL from the rotation and bootstrap functions",
      ipProtocol: "tcp",
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      referencedSecurityGroupId: functionsSg.id,
      tags: { Name: naming.physical("postgres-from-functions") },
    },
    opts,
  );
  if (args.endpointSecurityGroupId) {
    new aws.vpc.SecurityGroupIngressRule(
      "endpoints-from-db-functions",
      {
        securityGroupId: args.endpointSecurityGroupId,
        description: "HTTPS to the interface endpoints from the database functions",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: functionsSg.id,
        tags: { Name: naming.physical("endpoints-from-db-functions") },
      },
      opts,
    );
  }
  return { subnetGroup, dbSg, proxySg, clientSg: proxySg ?? dbSg, functionsSg };
}
