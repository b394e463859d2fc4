import { resourcePolicy } from "../../lib/policy";
import { list } from "../../lib/props";

interface Config {
  requiredResourceTypes: string[];
}

export const inspector2EnablerRequireEc2AndEcr = resourcePolicy<Config>({
  name: "aws-inspector2-enabler-require-ec2-and-ecr",
  description:
    "Amazon Inspector scans the configured resource types (by default EC2 instances and ECR images) for vulnerabilities.",
  severity: "medium",
  topic: "supply-chain",
  category: "security",
  controls: ["FSBP:Inspector.1", "FSBP:Inspector.2"],
  remediationSteps: "List the required types in resourceTypes (EC2, ECR; LAMBDA and LAMBDA_CODE where functions run).",
  config: {
    requiredResourceTypes: {
      type: "array",
      items: { type: "string" },
      default: ["EC2", "ECR"],
      description: "Resource types Inspector must scan.",
    },
  },
  types: ["aws:inspector2/enabler:Enabler"],
  validate: (r) => {
    const types = list(r.props.resourceTypes);
    if (types === undefined) return r.undecided("resourceTypes", r.props.resourceTypes);
    const missing = r.config.requiredResourceTypes.filter((t) => !types.includes(t));
    if (missing.length > 0) r.report(`Inspector does not scan ${missing.join(", ")}. Add them to resourceTypes.`);
  },
});
