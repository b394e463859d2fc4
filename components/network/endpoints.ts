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
  interfaceEndpoints: boolean;
  /** Interface endpoint services to create (default INTERFACE_ENDPOINT_SERVICES). */
  interfaceEndpointServices?: readonly string[];
}

export function createEndpoints(parent: pulumi.Resource, vpc: awsx.ec2.Vpc, args: EndpointsArgs) {
  const { naming } = args;
  const opts = { parent };

  const securityGroup = new aws.ec2.SecurityGroup(
    "endpoints-sg",
    {
      name: naming.physical("vpc-endpoints", "securityGroup"),
      // No inline rules: the flow table's component admits its clients (the nodes and pods) with
      // separate rule resources, and the provider removes AWS's default egress rule.
      description: "HTTPS to AWS interface endpoints from the groups the flow table admits",
      vpcId: vpc.vpcId,
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
    ? (args.interfaceEndpointServices ?? INTERFACE_ENDPOINT_SERVICES).map(
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
