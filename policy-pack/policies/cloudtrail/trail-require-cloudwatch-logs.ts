import { present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const cloudtrailTrailRequireCloudwatchLogs = resourcePolicy({
  name: "aws-cloudtrail-trail-require-cloudwatch-logs",
  description:
    "CloudTrail trails also deliver to a CloudWatch Logs group, where metric filters and alarms watch for sensitive API calls.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:CloudTrail.5"],
  remediationSteps:
    "Set cloudWatchLogsGroupArn (the group ARN with `:*`) and cloudWatchLogsRoleArn (a role CloudTrail assumes to write to it).",
  types: ["aws:cloudtrail/trail:Trail"],
  validate: (r) => {
    if (
      requireThat(
        r,
        "cloudWatchLogsGroupArn",
        present,
        "No cloudWatchLogsGroupArn: API activity cannot be alarmed on. Deliver the trail to a log group.",
      )
    )
      requireThat(
        r,
        "cloudWatchLogsRoleArn",
        present,
        "cloudWatchLogsGroupArn is set without cloudWatchLogsRoleArn: CloudTrail cannot write to the group.",
      );
  },
});
