// Delivers alert-topic messages to one receiver (RECEIVER: pagerduty | slack). The subscription's
// filter policy has already chosen the messages by severity (components/alerting/routes.ts); this
// only formats and sends. The receiver's key or webhook is read from Secrets Manager at the first
// invocation (never from the environment), and kept for the life of the execution environment.
import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";

/** PagerDuty Events API v2 (PagerDuty developer docs, "Send an Alert Event"). */
export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

/** One alert as people see it, from either message kind on the topic. */
export function describe(message) {
  if (typeof message.AlarmName === "string") {
    // A CloudWatch alarm notification (CloudWatch user guide, "Using Amazon SNS notifications").
    const firing = message.NewStateValue === "ALARM";
    return {
      key: message.AlarmName,
      resolve: message.NewStateValue === "OK",
      firing,
      summary: `${message.NewStateValue}: ${message.AlarmName}`,
      detail: message.AlarmDescription ?? "",
      source: message.AWSAccountId ?? "cloudwatch",
      time: message.StateChangeTime,
      runbook: /Runbook: (https:\/\/\S+)/.exec(message.AlarmDescription ?? "")?.[1],
      details: { reason: message.NewStateReason, region: message.Region },
    };
  }
  const title = typeof message.title === "string" ? message.title : JSON.stringify(message.title ?? "");
  return {
    // A finding event is one incident per event id; a response report, one per alert and resource.
    key: message.eventId ?? `${message.alert}:${JSON.stringify(message.resource ?? "")}`,
    resolve: false,
    firing: true,
    summary: `[${message.severity}] ${message.summary ?? message.alert}${title ? `: ${title}` : ""}`,
    detail: message.detailType ?? "",
    source: message.account ?? "aws",
    time: message.time,
    runbook: message.runbook,
    details: message,
  };
}

export function pagerDutyEvent(routingKey, a) {
  return {
    routing_key: routingKey,
    event_action: a.resolve ? "resolve" : "trigger",
    dedup_key: a.key.slice(0, 255),
    ...(a.resolve
      ? {}
      : {
          payload: {
            summary: a.summary.slice(0, 1024),
            source: String(a.source),
            severity: "critical",
            ...(a.time ? { timestamp: a.time } : {}),
            custom_details: a.details,
          },
          ...(a.runbook ? { links: [{ href: a.runbook, text: "Runbook" }] } : {}),
        }),
  };
}

export function slackMessage(channel, a) {
  const lines = [a.summary, a.detail, a.runbook ? `Runbook: ${a.runbook}` : ""].filter(Boolean);
  return { channel, text: lines.join("\n") };
}

/** The handler, with its clients passed in (tests give stubs; index.mjs gives the real ones). */
export function makeHandler({ secrets, fetch, env }) {
  let secret;
  const read = async () => {
    secret ??= (await secrets.send(new GetSecretValueCommand({ SecretId: env.SECRET_ARN }))).SecretString;
    return secret;
  };
  return async (event) => {
    const sent = [];
    for (const record of event.Records ?? []) {
      let message;
      try {
        message = JSON.parse(record.Sns.Message);
      } catch {
        console.log(JSON.stringify({ skipped: "not JSON", messageId: record.Sns.MessageId }));
        continue;
      }
      const a = describe(message);
      if (!a.firing && !a.resolve) continue; // INSUFFICIENT_DATA: nobody to wake
      const value = await read();
      const [url, body] =
        env.RECEIVER === "pagerduty"
          ? [PAGERDUTY_EVENTS_URL, pagerDutyEvent(value, a)]
          : [value, slackMessage(env.SLACK_CHANNEL, a)];
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      // Throwing makes Lambda retry the asynchronous invocation, then park it in the dead-letter queue.
      if (!res.ok) throw new Error(`${env.RECEIVER} answered ${res.status} for ${a.key}`);
      sent.push(a.key);
    }
    console.log(JSON.stringify({ receiver: env.RECEIVER, sent }));
    return { sent };
  };
}
