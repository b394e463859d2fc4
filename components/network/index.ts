import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { remoteOptions } from "../../lib/remote";
import { createEndpoints, INTERFACE_ENDPOINT_SERVICES } from "./endpoints";
import type { NetworkSettings, SubnetTier } from "../../infra/sections/network";
import { createFlowLogs } from "./flow-logs";

export type { SubnetTier } from "../../infra/sections/network";

/** The validated `network` config section (infra/sections/network.ts) and what the program wires in. */
export interface NetworkArgs extends Omit<NetworkSettings, "natStrategy"> {
  /**
   * NAT gateways (awsx strategies): `OnePerAz` (survives an AZ loss), `Single`, or `None` (the DR
   * network in pilot light: nothing there needs egress; private subnets then have no default route).
   */
  natStrategy: NetworkSettings["natStrategy"] | "None";
  /** Extra tags of the VPC (e.g. `DrState`, which the policy pack reads). */
  vpcTags?: Record<string, string>;
  /** Builds physical names (`<project>-<stack>-<name>`). */
  naming: Naming;
  /** The stack's region; endpoint service names and the logs key policy depend on it. */
  region: string;
  /** Availability zone names, one per subnet of each tier, in the order of `subnetCidrs`. */
  availabilityZones: string[];
  /** Which interface endpoints (service names such as `sts`). Default INTERFACE_ENDPOINT_SERVICES. */
  interfaceEndpointServices?: readonly string[];
  /** Protect the flow-log key and group from deletion (prod). */
  protect: boolean;
}

/**
 * The VPC: three subnet tiers over the given AZs, NAT, encrypted flow logs, a closed default
 * security group and VPC endpoints.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly vpcCidr: string;
  readonly publicSubnetIds: pulumi.Output<string[]>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly isolatedSubnetIds: pulumi.Output<string[]>;
  readonly subnetCidrs: Record<SubnetTier, string[]>;
  readonly flowLogGroupName: pulumi.Output<string>;
  readonly endpointSecurityGroupId: pulumi.Output<string>;
  /** The interface endpoint services created (empty without interface endpoints). */
  readonly interfaceEndpointServices: readonly string[];

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:network:Network", name, {}, opts);
    const { naming } = args;
    const azCount = args.availabilityZones.length;
    for (const tier of ["public", "private", "isolated"] as const) {
      if (args.subnetCidrs[tier].length !== azCount) {
        throw new Error(`Network ${name}: ${tier} needs ${azCount} subnet CIDRs, got ${args.subnetCidrs[tier].length}`);
      }
    }

    const vpc = new awsx.ec2.Vpc(
      "vpc",
      {
        cidrBlock: args.vpcCidr,
        availabilityZoneNames: args.availabilityZones,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        // "Auto" with explicit cidrBlocks creates exactly the planned subnets. "Exact" would also
        // demand that the subnets, walked zone by zone in tier order, tile the whole VPC range
        // from its first address with no gap (awsx `validateNoGaps`), which a plan that keeps room
        // for growth never does (docs/plan.md, "What remote components check").
        subnetStrategy: "Auto",
        subnetSpecs: [
          // Load balancer discovery tags: the AWS Load Balancer Controller picks subnets by them.
          { type: "Public", name: "public", cidrBlocks: args.subnetCidrs.public, tags: { "kubernetes.io/role/elb": "1" } },
          {
            type: "Private",
            name: "private",
            cidrBlocks: args.subnetCidrs.private,
            tags: { "kubernetes.io/role/internal-elb": "1" },
          },
          { type: "Isolated", name: "isolated", cidrBlocks: args.subnetCidrs.isolated },
        ],
        natGateways: { strategy: args.natStrategy },
        tags: { ...args.vpcTags, Name: naming.physical("vpc") },
      },
      remoteOptions(this),
    );

    // Adopting the default security group with no rules removes its allow-all rules: anything
    // launched without a group gets no traffic (CIS AWS Foundations 5.4).
    new aws.ec2.DefaultSecurityGroup(
      "default-sg",
      { vpcId: vpc.vpcId, tags: { Name: naming.physical("default-closed") } },
      { parent: this },
    );

    const flowLogs = createFlowLogs(this, {
      naming,
      vpcId: vpc.vpcId,
      retentionDays: args.flowLogRetentionDays,
      protect: args.protect,
    });

    const endpoints = createEndpoints(this, vpc, {
      naming,
      region: args.region,
      interfaceEndpoints: args.interfaceEndpoints,
      interfaceEndpointServices: args.interfaceEndpointServices,
    });

    this.vpcId = vpc.vpcId;
    this.vpcCidr = args.vpcCidr;
    this.publicSubnetIds = vpc.publicSubnetIds;
    this.privateSubnetIds = vpc.privateSubnetIds;
    this.isolatedSubnetIds = vpc.isolatedSubnetIds;
    this.subnetCidrs = args.subnetCidrs;
    this.flowLogGroupName = flowLogs.logGroup.name;
    this.endpointSecurityGroupId = endpoints.securityGroup.id;
    this.interfaceEndpointServices = args.interfaceEndpoints
      ? (args.interfaceEndpointServices ?? INTERFACE_ENDPOINT_SERVICES)
      : [];
    this.registerOutputs({
      vpcId: this.vpcId,
      vpcCidr: this.vpcCidr,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      isolatedSubnetIds: this.isolatedSubnetIds,
      subnetCidrs: this.subnetCidrs,
      flowLogGroupName: this.flowLogGroupName,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
    });
  }
}
