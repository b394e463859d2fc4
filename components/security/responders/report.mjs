// Shared by the automated first responses: the mode switch and the report to the alert topic.
import { PublishCommand } from "@aws-sdk/client-sns";

/** `notify-only`: say what would be done, change nothing. */
export function notifyOnly(env) {
  return env.RESPONSE_MODE === "notify-only";
}

/** GuardDuty sample findings (CreateSampleFindings) must never trigger an action. */
export function isSample(event) {
  return event?.detail?.service?.additionalInfo?.sample === true;
}

/** Publishes what the response did (or would do) in the same flat shape as the finding routes. */
export async function report(sns, env, { alert, severity, summary, resource, actions }) {
  await sns.send(
    new PublishCommand({
      TopicArn: env.ALERT_TOPIC_ARN,
      Subject: `[${severity}] ${alert}`.slice(0, 100),
      Message: JSON.stringify({
        severity,
        alert,
        summary,
        resource,
        mode: notifyOnly(env) ? "notify-only" : "remediate",
        actions,
        runbook: env.RUNBOOK_URL,
      }),
    }),
  );
}
