import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isSet, isUnknown } from "../../lib/props";

export const ec2RouteRestrictPeeringDestination = resourcePolicy({
  name: "aws-ec2-route-restrict-peering-destination",
  description: "Routes through a VPC peering connection name the peer CIDR, not the whole internet (0.0.0.0/0 or ::/0).",
  severity: "medium",
  topic: "exposure",
  category: "security",
  controls: { none: "No Security Hub control; the rule follows checkov CKV2_AWS_44." },
  remediationSteps: "Set destinationCidrBlock to the peer VPC CIDR.",
  types: ["aws:ec2/route:Route"],
  validate: (r) => {
    const pcx = r.props.vpcPeeringConnectionId;
    if (isUnknown(pcx)) return r.undecided("vpcPeeringConnectionId", pcx);
    if (!isSet(pcx)) return;
    for (const k of ["destinationCidrBlock", "destinationIpv6CidrBlock"])
      requireThat(
        r,
        k,
        (v) => v !== "0.0.0.0/0" && v !== "::/0",
        (v) => `${k} ${String(v)} sends all traffic to the peer. Route the peer CIDR only.`,
      );
  },
});
