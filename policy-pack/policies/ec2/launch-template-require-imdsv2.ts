import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

interface Config {
  maximumHopLimit: number;
}

export const launchTemplateImdsv2 = resourcePolicy<Config>({
  name: "aws-ec2-launch-template-require-imdsv2",
  description: "Launch templates require IMDSv2 tokens and limit the hop count, so pods cannot reach node credentials.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:EC2.170", "CIS-AWS-3.0:5.6"],
  remediationSteps:
    'Set metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 } (2 only for workloads that must reach IMDS from a pod).',
  config: {
    maximumHopLimit: {
      type: "integer",
      minimum: 1,
      maximum: 64,
      default: 1,
      description: "Largest allowed httpPutResponseHopLimit.",
    },
  },
  types: [T.launchTemplate, "aws:ec2/instance:Instance"],
  validate: (r) => {
    const tokens = get(r.props, "metadataOptions.httpTokens");
    if (isUnknown(tokens)) r.undecided("metadataOptions.httpTokens", tokens);
    else if (tokens !== "required")
      r.report(`metadataOptions.httpTokens is ${String(tokens ?? "unset (optional)")}; set it to required.`);
    const hops = get(r.props, "metadataOptions.httpPutResponseHopLimit");
    if (isUnknown(hops)) r.undecided("metadataOptions.httpPutResponseHopLimit", hops);
    else if (hops === undefined || Number(hops) > r.config.maximumHopLimit) {
      r.report(`httpPutResponseHopLimit is ${String(hops ?? "unset")}; set at most ${r.config.maximumHopLimit}.`);
    }
  },
});
