import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";

/**
 * Interface endpoints keep image pulls, token exchange, secret reads, log shipping and SSM
 * sessions off the NAT gateways (cheaper per GB, and traffic stays on the AWS network).
 */
export const INTERFACE_ENDPOINT_SERVICES = ["ecr.api", "ecr.dkr", "sts", "secretsmanager", "logs", "ssm"] as const;

export interface EndpointsArgs {
  naming: Naming;
  region: string;
  vpcCidr: string;
  interfaceEndpoints: boolean;
}

export function createEndpoints(parent: pulumi.Resource, vpc: awsx.ec2.Vpc, args: EndpointsArgs) {
  const { naming } = args;
  const opts = { parent };

  const securityGroup = new aws.ec2.SecurityGroup(
    "endpoints-sg",
    {
      name: naming.physical("vpc-endpoints", "securityGroup"),
      description: "HTTPS from inside the VPC to AWS interface endpoints",
      vpcId: vpc.vpcId,
      ingress: [{ description: "HTTPS from the VPC", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [args.vpcCidr] }],
      egress: [],
      tags: { Name: naming.physical("vpc-endpoints") },
    },
    opts,
  );

  // The gateway endpoint needs the route tables awsx creates; they are read once the VPC
  // component (and so its route tables) exists.
  const routeTables = aws.ec2.getRouteTablesOutput({ vpcId: vpc.vpcId }, { parent, dependsOn: [vpc] });
  const s3 = new aws.ec2.VpcEndpoint(
    "s3",
    {
      vpcId: vpc.vpcId,
      serviceName: `com.amazonaws.${args.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: routeTables.ids,
      tags: { Name: naming.physical("s3") },
    },
    opts,
  );

  const interfaces = args.interfaceEndpoints
    ? INTERFACE_ENDPOINT_SERVICES.map(
        (service) =>
          new aws.ec2.VpcEndpoint(
            service.replace(".", "-"),
            {
              vpcId: vpc.vpcId,
              serviceName: `com.amazonaws.${args.region}.${service}`,
              vpcEndpointType: "Interface",
              privateDnsEnabled: true,
              subnetIds: vpc.privateSubnetIds,
              securityGroupIds: [securityGroup.id],
              tags: { Name: naming.physical(service.replace(".", "-")) },
            },
            opts,
          ),
      )
    : [];
  return { securityGroup, s3, interfaces };
}
