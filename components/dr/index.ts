import * as pulumi from "@pulumi/pulumi";
import { Alerting, AlertingArgs } from "../alerting";
import { Cluster, ClusterArgs } from "../cluster";
import { Network, NetworkArgs } from "../network";

export interface DrRegionArgs {
  /** The DR network: the home network's tiers and settings in the DR region's zones and CIDR. */
  network: NetworkArgs;
  /** The DR region's alert topic (alarms and rules notify topics of their own region only). */
  alerting: AlertingArgs;
  /**
   * After a failover: the DR cluster's arguments (its network comes from `network`); undefined in
   * pilot light, where no compute runs in the DR region.
   */
  cluster?: Omit<ClusterArgs, "vpcId" | "privateSubnetIds" | "subnetCidrs">;
}

/**
 * The DR region's own resources: a network of the same tiers (no NAT and no interface endpoints
 * in pilot light), its alert topic, and after a failover a minimal cluster in it. The DR replica, its key and the
 * DR backup vault belong to the database and backup components, which place them here. Give it
 * the DR region's provider in `opts.providers`. See docs/dr.md.
 *
 * A component of its own so that the DR network's and cluster's children get URNs distinct from
 * the home region's (a URN carries the parent type chain, not the parent's name).
 */
export class DrRegion extends pulumi.ComponentResource {
  readonly network: Network;
  readonly alerting: Alerting;
  readonly cluster?: Cluster;

  constructor(name: string, args: DrRegionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:dr:DrRegion", name, {}, opts);
    this.network = new Network("dr-network", args.network, { parent: this });
    this.alerting = new Alerting("dr-alerting", args.alerting, { parent: this });
    if (args.cluster) {
      this.cluster = new Cluster(
        "dr-cluster",
        {
          ...args.cluster,
          vpcId: this.network.vpcId,
          privateSubnetIds: this.network.privateSubnetIds,
          subnetCidrs: this.network.subnetCidrs,
        },
        { parent: this },
      );
    }
    this.registerOutputs({
      vpcId: this.network.vpcId,
      isolatedSubnetIds: this.network.isolatedSubnetIds,
      alertTopicArn: this.alerting.topicArn,
      clusterName: this.cluster?.clusterName,
    });
  }
}
