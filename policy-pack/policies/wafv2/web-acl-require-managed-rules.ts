import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

interface Config {
  requiredRuleGroups: string[];
}

export const wafManagedRules = resourcePolicy<Config>({
  name: "aws-wafv2-web-acl-require-managed-rules",
  description: "Web ACLs include the AWS managed rule groups for common exploits and known bad inputs.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["PCI-DSS-4.0.1:6.4.2"],
  remediationSteps:
    "Add managedRuleGroupStatement rules (vendorName AWS) for each required group, in block mode (overrideAction none).",
  config: {
    requiredRuleGroups: {
      type: "array",
      items: { type: "string" },
      default: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"],
      description: "AWS managed rule group names every web ACL must include.",
    },
  },
  types: [T.wafWebAcl],
  validate: (r) => {
    const rules = r.props.rules;
    if (isUnknown(rules)) return r.undecided("rules", rules);
    const groups = ((rules ?? []) as unknown[])
      .map((x) => get(x, "statement.managedRuleGroupStatement.name"))
      .filter((x) => x !== undefined);
    const missing = r.config.requiredRuleGroups.filter((g) => !groups.includes(g));
    if (missing.length > 0) r.report(`The web ACL lacks managed rule groups: ${missing.join(", ")}. Add them.`);
  },
});
