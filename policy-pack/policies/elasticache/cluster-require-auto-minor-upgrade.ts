import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const elasticacheClusterRequireAutoMinorUpgrade = resourcePolicy({
  name: "aws-elasticache-cluster-require-auto-minor-upgrade",
  description: "ElastiCache clusters take minor engine upgrades (security fixes) in the maintenance window.",
  severity: "low",
  topic: "supply-chain",
  category: "security",
  controls: ["FSBP:ElastiCache.2"],
  remediationSteps: 'Leave autoMinorVersionUpgrade at its default ("true").',
  types: ["aws:elasticache/cluster:Cluster"],
  validate: (r) => {
    requireThat(
      r,
      "autoMinorVersionUpgrade",
      (v) => v === undefined || on(v),
      "autoMinorVersionUpgrade is false: engine security fixes wait for a manual upgrade. Turn it on.",
    );
  },
});
