import { NODE_GROUPS } from "../../lib/eks";
import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";

interface Config {
  minimumNodes: number;
}

export const nodeGroupMinSize = resourcePolicy<Config>({
  name: "aws-eks-node-group-require-min-size",
  description: "Managed node groups keep at least the configured number of nodes, so one node loss does not stop the workloads.",
  severity: "medium",
  topic: "availability",
  category: "availability",
  controls: { none: "Availability design rule." },
  remediationSteps: "Set scalingConfig.minSize to at least the minimum (advisory in dev).",
  config: { minimumNodes: { type: "integer", minimum: 1, default: 2, description: "Minimum scalingConfig.minSize." } },
  types: NODE_GROUPS,
  validate: (r) => {
    const min = get(r.props, "scalingConfig.minSize");
    if (isUnknown(min)) return r.undecided("scalingConfig.minSize", min);
    if (min === undefined || Number(min) < r.config.minimumNodes)
      r.report(`scalingConfig.minSize is ${String(min ?? "unset")}; use at least ${r.config.minimumNodes}.`);
  },
});
