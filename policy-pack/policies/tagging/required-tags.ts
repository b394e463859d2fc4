import { ResourceValidationPolicy } from "@pulumi/policy";
import { TAGGABLE_TYPES } from "../../taggable";

const REQUIRED = ["Project", "Environment", "Owner", "CostCenter", "ManagedBy"];

/** Every taggable AWS resource carries the cost-allocation and ownership tags. */
export const requiredTags: ResourceValidationPolicy = {
  name: "aws-taggable-resource-require-tags",
  description: "Every taggable AWS resource carries Project, Environment, Owner, CostCenter and ManagedBy.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!TAGGABLE_TYPES.has(args.type)) return;
    const tags = (args.props.tagsAll ?? args.props.tags ?? {}) as Record<string, string>;
    const missing = REQUIRED.filter((k) => !tags[k]);
    if (missing.length > 0) {
      reportViolation(`Missing required tags: ${missing.join(", ")}. Set them through the provider's defaultTags.`);
    }
  },
};
