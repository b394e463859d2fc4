import { resourcePolicy } from "../../lib/policy";
import { get, isSet, isUnknown } from "../../lib/props";

export const fisExperimentTemplateRequireLogConfiguration = resourcePolicy({
  name: "aws-fis-experiment-template-require-log-configuration",
  description: "Fault injection experiments log their actions (CloudWatch Logs or S3), so what was broken and when is on record.",
  severity: "low",
  topic: "visibility",
  category: "security",
  controls: { none: "AWS FIS best practice; no benchmark control covers experiment logs." },
  remediationSteps:
    "Set logConfiguration { logSchemaVersion: 2, cloudwatchLogsConfiguration { logGroupArn } } (or s3Configuration).",
  types: ["aws:fis/experimentTemplate:ExperimentTemplate"],
  validate: (r) => {
    const c = get(r.props, "logConfiguration");
    if (isUnknown(c)) return r.undecided("logConfiguration", c);
    const cfg = (c ?? {}) as Record<string, unknown>;
    if (!isSet(cfg.cloudwatchLogsConfiguration) && !isSet(cfg.s3Configuration))
      r.report("No logConfiguration: the experiment's actions are not logged. Log to CloudWatch Logs or S3.");
  },
});
