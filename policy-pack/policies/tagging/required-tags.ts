import { resourcePolicy } from "../../lib/policy";
import { tagsOf } from "../../lib/props";
import { TAGGABLE_TYPES } from "../../taggable";

interface Config {
  requiredTags: string[];
}

/** Every taggable AWS resource carries the cost-allocation and ownership tags. */
export const requiredTags = resourcePolicy<Config>({
  name: "aws-taggable-resource-require-tags",
  description: "Every taggable AWS resource carries Project, Environment, Owner, CostCenter and ManagedBy.",
  severity: "low",
  topic: "tagging",
  category: "cost",
  controls: { none: "Tagging is an internal cost-allocation and ownership rule; CIS and PCI DSS do not require tags." },
  remediationSteps:
    "Set the tags through the aws.Provider's `defaultTags` (infra/providers.ts) and pass that provider to the component; do not tag resources one by one.",
  config: {
    requiredTags: {
      type: "array",
      items: { type: "string" },
      default: ["Project", "Environment", "Owner", "CostCenter", "ManagedBy"],
      description: "Tag keys every taggable resource must carry.",
    },
  },
  types: [...TAGGABLE_TYPES],
  validate: (r) => {
    // tagsAll (defaultTags merged in by the provider's check) is what AWS will store.
    const tags = tagsOf(r.props);
    if (!tags) return r.undecided("tagsAll", r.props.tagsAll ?? r.props.tags);
    const missing = r.config.requiredTags.filter((k) => !tags[k]);
    if (missing.length > 0) {
      r.report(`Missing required tags: ${missing.join(", ")}. Set them through the provider's defaultTags.`);
    }
  },
});
