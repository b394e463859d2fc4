import { bool, int, logRetentionDays, matching, section, SettingsOf } from "../schema";

/** Slack incoming webhooks (Slack API docs, "Sending messages using incoming webhooks"). */
const SLACK_WEBHOOK = /^https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+$/;
/** PagerDuty Events API v2 integration (routing) keys are 32 characters. */
const PAGERDUTY_KEY = /^[A-Za-z0-9]{32}$/;
const SLACK_CHANNEL = /^#[a-z0-9][a-z0-9._-]{0,79}$/;

export const observability = section({
  key: "observability",
  fields: {
    /** How long Prometheus keeps samples, in days. */
    prometheusRetentionDays: int(1, 400),
    /** Size of each Prometheus replica's gp3 volume, in GiB (must hold the retention window). */
    prometheusVolumeGiB: int(10, 4000),
    /** Prometheus replicas (each scrapes everything; 2 survive the loss of one node or AZ). */
    prometheusReplicas: int(1, 3),
    /** Size of Grafana's gp3 volume (its SQLite database: users, preferences, annotations), in GiB. */
    grafanaVolumeGiB: int(1, 100),
    /** Retention of the per-namespace container log groups, in days (a CloudWatch-allowed value). */
    logRetentionDays: logRetentionDays(),
    /** Share of traces the collector keeps and sends to X-Ray, in percent (1-100). */
    traceSamplingPercent: int(1, 100),
    /** Archive container logs to S3 (subscription filter -> Firehose -> S3). */
    logArchive: bool(),
    /** Days after which archived logs move to S3 Glacier Flexible Retrieval. */
    logArchiveGlacierDays: int(1, 3650),
    /** Days after which archived logs are deleted. */
    logArchiveExpireDays: int(2, 3653),
    /** A CloudWatch Synthetics canary against the public API health URL, alarmed. */
    canary: bool(),
    /** Slack channel the warning receiver posts to; default `#alerts-<stack>`. */
    slackChannel: matching(SLACK_CHANNEL, "a Slack channel name such as #alerts-prod").optional(),
  },
  secrets: {
    /** Slack incoming-webhook URL; unset: no Slack receiver. */
    slackWebhookUrl: matching(SLACK_WEBHOOK, "a Slack incoming-webhook URL https://hooks.slack.com/services/..."),
    /** PagerDuty Events API v2 routing key; unset: no PagerDuty receiver. */
    pagerDutyRoutingKey: matching(PAGERDUTY_KEY, "a 32-character PagerDuty Events API v2 routing key"),
  },
  finish: ({ logArchive, logArchiveGlacierDays, logArchiveExpireDays, ...v }, ctx, fail) => {
    const key = (f: string) => `observability.${f}`;
    const { minPrometheusReplicas, logArchive: archiveRequired } = ctx.requirements.observability;
    if (v.prometheusReplicas < minPrometheusReplicas) {
      fail(
        key("prometheusReplicas"),
        v.prometheusReplicas,
        `an integer from ${minPrometheusReplicas} (the ${ctx.environment} minimum: one replica is a single point of failure for alerting) to 3`,
      );
    }
    if (archiveRequired && !logArchive) {
      fail(
        key("logArchive"),
        logArchive,
        `true in ${ctx.environment} (logs are archived to S3 beyond their CloudWatch retention)`,
      );
    }
    // S3 Glacier Flexible Retrieval bills at least 90 days per object (S3 pricing, minimum storage duration).
    if (logArchiveExpireDays < logArchiveGlacierDays + 90) {
      fail(
        key("logArchiveExpireDays"),
        logArchiveExpireDays,
        `at least logArchiveGlacierDays + 90 = ${logArchiveGlacierDays + 90} (Glacier's minimum storage duration)`,
      );
    }
    return {
      ...v,
      slackChannel: v.slackChannel ?? `#alerts-${ctx.stack}`,
      /** Archive lifecycle, or false: no archive. */
      logArchive: logArchive && { glacierAfterDays: logArchiveGlacierDays, expireAfterDays: logArchiveExpireDays },
    };
  },
});

export type ObservabilitySettings = SettingsOf<typeof observability>;
