import { resourcePolicy } from "../../lib/policy";
import { isUnknown, tagsOf } from "../../lib/props";
import { TAGGABLE_TYPES } from "../../taggable";

interface Config {
  allowedValues: Record<string, string[]>;
}

export const allowedTagValues = resourcePolicy<Config>({
  name: "aws-taggable-resource-restrict-tag-values",
  description: "Environment and DataClassification tags carry one of the allowed values.",
  severity: "low",
  topic: "tagging",
  category: "cost",
  controls: { none: "Internal tagging vocabulary; no CIS or PCI DSS control." },
  remediationSteps: "Use Environment dev|staging|prod and DataClassification public|internal|confidential|restricted.",
  config: {
    allowedValues: {
      type: "object",
      default: {
        Environment: ["dev", "staging", "prod"],
        DataClassification: ["public", "internal", "confidential", "restricted"],
      },
      description: "Tag key -> allowed values.",
    },
  },
  types: [...TAGGABLE_TYPES],
  validate: (r) => {
    const tags = tagsOf(r.props);
    if (!tags) return r.undecided("tagsAll", r.props.tagsAll ?? r.props.tags);
    for (const [key, allowed] of Object.entries(r.config.allowedValues)) {
      const v = tags[key];
      if (v === undefined || isUnknown(v)) continue;
      if (!allowed.includes(String(v))) r.report(`Tag ${key}="${String(v)}" is not allowed; use one of ${allowed.join(", ")}.`);
    }
  },
});
