import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const ecrLifecyclePolicyRequireExpiryRule = resourcePolicy({
  name: "aws-ecr-lifecycle-policy-require-expiry-rule",
  description: "ECR lifecycle policies expire images (count or age rule), so repositories do not grow without bound.",
  severity: "low",
  topic: "data-protection",
  category: "cost",
  controls: ["FSBP:ECR.3"],
  remediationSteps:
    'Add a rule with action { type: "expire" } and a selection by countType imageCountMoreThan or sinceImagePushed.',
  types: ["aws:ecr/lifecyclePolicy:LifecyclePolicy"],
  validate: (r) => {
    const raw = r.props.policy;
    if (isUnknown(raw)) return r.undecided("policy", raw);
    let doc: { rules?: { action?: { type?: string } }[] };
    try {
      doc = typeof raw === "string" ? JSON.parse(raw) : (raw as typeof doc);
    } catch {
      return r.report("The lifecycle policy is not valid JSON.");
    }
    if (!(doc?.rules ?? []).some((rule) => rule.action?.type === "expire"))
      r.report("The lifecycle policy has no expire rule. Add one.");
  },
});
