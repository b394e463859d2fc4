import { resourcePolicy } from "../../lib/policy";
import { tagsOf } from "../../lib/props";
import { TAGGABLE_TYPES } from "../../taggable";

interface Config {
  requiredTags: string[];
}

/** The default tag keys: cost allocation (Project, Environment, CostCenter) and ownership. */
const DEFAULT_TAGS = ["Project", "Environment", "Owner", "CostCenter", "ManagedBy"];

/** Every taggable AWS resource carries the cost-allocation and ownership tags. */
export const requiredTags = resourcePolicy<Config>({
  name: "aws-taggable-resource-require-tags",
  description: `Every taggable AWS resource carries the configured requiredTags (default: ${DEFAULT_TAGS.join(", ")}).`,
  severity: "low",
  topic: "tagging",
  category: "cost",
  controls: { none: "Tagging is an internal cost-allocation and ownership rule; CIS and PCI DSS do not require tags." },
  remediationSteps:
    "Set the required tags in the AWS provider's `defaultTags` and pass that provider to every resource and component; tagging resources one by one misses some.",
  config: {
    requiredTags: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_TAGS,
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
