import * as pulumi from "@pulumi/pulumi";
import { EnvironmentName, ObservabilityProfile } from "../../stacks";
import { Validator } from "../validation";
import { LOG_RETENTION_DAYS } from "./common";

/** Secret keys of the alert receivers (set with `pulumi config set --secret`). */
export const OBSERVABILITY_SECRET_KEYS = ["slackWebhookUrl", "pagerDutyRoutingKey"] as const;

export interface ObservabilityConfig extends ObservabilityProfile {
  /** Slack channel the warning receiver posts to. */
  slackChannel: string;
  /** Slack incoming-webhook URL (secret); undefined: no Slack receiver. */
  slackWebhookUrl?: pulumi.Output<string>;
  /** PagerDuty Events API v2 routing key (secret); undefined: no PagerDuty receiver. */
  pagerDutyRoutingKey?: pulumi.Output<string>;
}

const FIELDS = [
  "prometheusRetentionDays",
  "prometheusVolumeGiB",
  "prometheusReplicas",
  "grafanaVolumeGiB",
  "logRetentionDays",
  "traceSamplingPercent",
  "logArchive",
  "logArchiveGlacierDays",
  "logArchiveExpireDays",
  "canary",
  "slackChannel",
] as const;

/** Slack incoming webhooks (Slack API docs, "Sending messages using incoming webhooks"). */
const SLACK_WEBHOOK = /^https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+$/;
/** PagerDuty Events API v2 integration (routing) keys are 32 characters. */
const PAGERDUTY_KEY = /^[A-Za-z0-9]{32}$/;
const SLACK_CHANNEL = /^#[a-z0-9][a-z0-9._-]{0,79}$/;

/**
 * Reads the optional `observability` object over the profile's defaults, and the receivers' secret
 * keys. A secret value never appears in an error message (it is shown as "[secret]").
 */
export function readObservability(
  v: Validator,
  profile: ObservabilityProfile,
  environment: EnvironmentName,
  stack: string,
): ObservabilityConfig {
  const o = v.object("observability");
  v.knownFields("observability", o, FIELDS);
  const key = (f: (typeof FIELDS)[number]) => `observability.${f}`;

  const prometheusRetentionDays = v.integer(
    key("prometheusRetentionDays"),
    o.prometheusRetentionDays ?? profile.prometheusRetentionDays,
    1,
    400,
  );
  const prometheusVolumeGiB = v.integer(
    key("prometheusVolumeGiB"),
    o.prometheusVolumeGiB ?? profile.prometheusVolumeGiB,
    10,
    4000,
  );
  const prometheusReplicas = v.integer(key("prometheusReplicas"), o.prometheusReplicas ?? profile.prometheusReplicas, 1, 3);
  if (environment === "prod" && prometheusReplicas < 2) {
    v.fail(
      key("prometheusReplicas"),
      prometheusReplicas,
      "2 or 3 in prod (one replica is a single point of failure for alerting)",
    );
  }
  const grafanaVolumeGiB = v.integer(key("grafanaVolumeGiB"), o.grafanaVolumeGiB ?? profile.grafanaVolumeGiB, 1, 100);
  const logRetentionDays = v.memberOf(
    key("logRetentionDays"),
    o.logRetentionDays ?? profile.logRetentionDays,
    LOG_RETENTION_DAYS,
  );
  if (environment === "prod" && logRetentionDays < 90) {
    v.fail(key("logRetentionDays"), logRetentionDays, "at least 90 days in prod (incident review and audit)");
  }
  const traceSamplingPercent = v.integer(
    key("traceSamplingPercent"),
    o.traceSamplingPercent ?? profile.traceSamplingPercent,
    1,
    100,
  );
  const logArchive = v.boolean(key("logArchive"), o.logArchive ?? profile.logArchive);
  if (environment === "prod" && !logArchive) {
    v.fail(key("logArchive"), logArchive, "true in prod (logs are archived to S3 beyond their CloudWatch retention)");
  }
  const logArchiveGlacierDays = v.integer(
    key("logArchiveGlacierDays"),
    o.logArchiveGlacierDays ?? profile.logArchiveGlacierDays,
    1,
    3650,
  );
  const logArchiveExpireDays = v.integer(
    key("logArchiveExpireDays"),
    o.logArchiveExpireDays ?? profile.logArchiveExpireDays,
    2,
    3653,
  );
  // S3 Glacier Flexible Retrieval bills at least 90 days per object (S3 pricing, minimum storage duration).
  if (logArchiveExpireDays < logArchiveGlacierDays + 90) {
    v.fail(
      key("logArchiveExpireDays"),
      logArchiveExpireDays,
      `at least logArchiveGlacierDays + 90 = ${logArchiveGlacierDays + 90} (Glacier's minimum storage duration)`,
    );
  }
  const canary = v.boolean(key("canary"), o.canary ?? profile.canary);
  const channelValue = o.slackChannel ?? `#alerts-${stack}`;
  const slackChannel = typeof channelValue === "string" && SLACK_CHANNEL.test(channelValue) ? channelValue : "";
  if (!slackChannel) v.fail(key("slackChannel"), channelValue, "a Slack channel name such as #alerts-prod");

  return {
    prometheusRetentionDays,
    prometheusVolumeGiB,
    prometheusReplicas,
    grafanaVolumeGiB,
    logRetentionDays,
    traceSamplingPercent,
    logArchive,
    logArchiveGlacierDays,
    logArchiveExpireDays,
    canary,
    slackChannel,
    slackWebhookUrl: readSecret(
      v,
      "slackWebhookUrl",
      SLACK_WEBHOOK,
      "a Slack incoming-webhook URL https://hooks.slack.com/services/...",
    ),
    pagerDutyRoutingKey: readSecret(
      v,
      "pagerDutyRoutingKey",
      PAGERDUTY_KEY,
      "a 32-character PagerDuty Events API v2 routing key",
    ),
  };
}

/** An optional secret key: validated, wrapped with `pulumi.secret`, never printed. */
function readSecret(v: Validator, key: string, pattern: RegExp, allowed: string): pulumi.Output<string> | undefined {
  const raw = v.get(key);
  if (raw === undefined) return undefined;
  if (!pattern.test(raw)) {
    v.fail(key, "[secret]", `${allowed}, set with \`pulumi config set --secret ${key}\``);
    return undefined;
  }
  return pulumi.secret(raw);
}
