import { atMost, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  maximumHops: number;
}

export const ec2LaunchTemplateRestrictMetadataHopLimit = resourcePolicy<Config>({
  name: "aws-ec2-launch-template-restrict-metadata-hop-limit",
  description:
    "Launch templates keep the instance metadata hop limit at most the configured value (default 1), so containers cannot reach the node role through IMDS.",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: {
    none: "No Security Hub control; AWS EKS best practices recommend hop limit 1 where pods use IRSA or Pod Identity.",
  },
  remediationSteps: "Set metadataOptions.httpPutResponseHopLimit: 1 (2 only for nodes whose pods must read IMDS).",
  config: {
    maximumHops: { type: "integer", minimum: 1, maximum: 64, default: 1, description: "Highest IMDS hop limit allowed." },
  },
  types: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance"],
  validate: (r) => {
    requireThat(
      r,
      "metadataOptions.httpPutResponseHopLimit",
      (v) => v === undefined || atMost(r.config.maximumHops)(v),
      (v) =>
        `metadataOptions.httpPutResponseHopLimit is ${String(v)}: containers can read the node credentials. Use at most ${r.config.maximumHops}.`,
    );
  },
});
