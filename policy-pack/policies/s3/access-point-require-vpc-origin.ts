import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

interface Config {
  internetAccessPoints: string[];
}

export const s3AccessPointRequireVpcOrigin = resourcePolicy<Config>({
  name: "aws-s3-access-point-require-vpc-origin",
  description:
    "S3 access points accept requests from one VPC only (network origin VPC), unless the configured list allows internet origin.",
  severity: "medium",
  topic: "exposure",
  category: "security",
  controls: { none: "No Security Hub control requires VPC origin; it narrows the access point to private networks." },
  remediationSteps: "Set vpcConfiguration { vpcId }.",
  config: {
    internetAccessPoints: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Access point names allowed an internet origin.",
    },
  },
  types: ["aws:s3/accessPoint:AccessPoint"],
  validate: (r) => {
    const name = r.props.name;
    if (isUnknown(name)) return r.undecided("name", name);
    if (r.config.internetAccessPoints.includes(String(name))) return;
    requireThat(
      r,
      "vpcConfiguration.vpcId",
      present,
      `Access point ${String(name)} has internet origin. Bind it to a VPC with vpcConfiguration.`,
    );
  },
});
