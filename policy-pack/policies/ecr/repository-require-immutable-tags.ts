import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const ecrImmutableTags = resourcePolicy({
  name: "aws-ecr-repository-require-immutable-tags",
  description: "ECR repositories make image tags immutable, so a deployed tag always means the same image.",
  severity: "medium",
  topic: "supply-chain",
  category: "security",
  controls: ["FSBP:ECR.2"],
  remediationSteps: 'Set imageTagMutability "IMMUTABLE" (or "IMMUTABLE_WITH_EXCLUSION" for a documented moving tag).',
  types: [T.ecrRepository],
  validate: (r) => {
    const m = r.props.imageTagMutability ?? "MUTABLE";
    if (isUnknown(m)) return r.undecided("imageTagMutability", m);
    if (!String(m).startsWith("IMMUTABLE")) r.report(`imageTagMutability is ${String(m)}; set IMMUTABLE.`);
  },
});
