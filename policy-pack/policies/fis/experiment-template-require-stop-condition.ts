import { resourcePolicy } from "../../lib/policy";
import { isUnknown, list } from "../../lib/props";

export const fisExperimentTemplateRequireStopCondition = resourcePolicy({
  name: "aws-fis-experiment-template-require-stop-condition",
  description:
    "Fault injection experiments stop on a CloudWatch alarm, so an experiment that hurts customers more than planned ends by itself.",
  severity: "high",
  topic: "availability",
  category: "availability",
  controls: { none: "AWS FIS best practice; no benchmark control covers experiment templates." },
  remediationSteps:
    'Add stopConditions [{ source: "aws:cloudwatch:alarm", value: <alarm ARN> }] on the SLO alarm of the service.',
  types: ["aws:fis/experimentTemplate:ExperimentTemplate"],
  validate: (r) => {
    const conds = list(r.props.stopConditions);
    if (conds === undefined) return r.undecided("stopConditions", r.props.stopConditions);
    if (
      !conds.some(
        (c) =>
          (c as Record<string, unknown>).source === "aws:cloudwatch:alarm" || isUnknown((c as Record<string, unknown>).source),
      )
    )
      r.report(
        "No CloudWatch alarm stop condition (only source none): the experiment runs to the end whatever happens. Stop it on an SLO alarm.",
      );
  },
});
