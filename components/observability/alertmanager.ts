import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Severity } from "./rules";

/** The receivers' values. Undefined secret: that receiver and its route are left out. */
export interface ReceiverValues {
  /** The stack's SNS alert topic (it carries the e-mail subscription). */
  topicArn: string;
  region: string;
  slackChannel: string;
  slackWebhookUrl?: string;
  pagerDutyRoutingKey?: string;
}

/** Which receiver gets which alerts: a plain summary of the route tree (no secret in it). */
export interface RouteSummary {
  /** Receiver of `severity="critical"` alerts, or undefined when its secret is not set. */
  critical?: string;
  /** Receiver of `severity="warning"` alerts. */
  warning?: string;
  /** Receiver of the chart's `severity="info"` alerts: Slack when set, else none (never paged or e-mailed). */
  info: string;
  /** Receiver that gets every critical and warning alert (`continue: true`). */
  all: string;
}

export function routeSummary(hasPagerDuty: boolean, hasSlack: boolean): RouteSummary {
  return {
    critical: hasPagerDuty ? "pagerduty" : undefined,
    warning: hasSlack ? "slack" : undefined,
    info: hasSlack ? "slack" : "null",
    all: "email",
  };
}

/** Severities the chart's default rules use besides ours: `info` (e.g. KubeletTooManyPods, CPUThrottlingHigh). */
type AnySeverity = Severity | "info";
const severityMatcher = (s: AnySeverity) => `severity="${s}"`;

/**
 * The Alertmanager configuration (JSON is valid YAML). Route tree, first match wins:
 * - the Watchdog heartbeat and the chart's InfoInhibitor go to `null` (they exist to be firing);
 * - `severity="info"` (only the chart's default rules use it) goes to Slack when its webhook is
 *   set, else to `null`: never paged, never e-mailed;
 * - every other alert is e-mailed through the SNS topic and continues: critical alerts page
 *   through PagerDuty, warnings go to Slack.
 * Inhibition restores the chart's own rules (kube-prometheus-stack `alertmanager.config`): a
 * critical mutes warning and info alerts of the same alertname and namespace, a warning mutes info,
 * and InfoInhibitor (firing while a namespace has info alerts but no warning or critical) mutes the
 * info alerts of its namespace, so info reaches Slack only as context of a real problem.
 */
export function alertmanagerConfig(r: ReceiverValues): Record<string, unknown> {
  const routes: Record<string, unknown>[] = [
    { receiver: "null", matchers: ['alertname=~"Watchdog|InfoInhibitor"'] },
    { receiver: r.slackWebhookUrl !== undefined ? "slack" : "null", matchers: [severityMatcher("info")] },
    { receiver: "email", matchers: [], continue: true },
  ];
  const receivers: Record<string, unknown>[] = [
    { name: "null" },
    {
      name: "email",
      // Alertmanager signs SNS requests with SigV4 from the pod's IRSA credentials; the topic's
      // e-mail subscription delivers the message (components/alerting).
      sns_configs: [
        {
          topic_arn: r.topicArn,
          sigv4: { region: r.region },
          subject: "[{{ .Status | toUpper }}] {{ .CommonLabels.severity }}: {{ .CommonLabels.alertname }}",
          send_resolved: true,
        },
      ],
    },
  ];
  if (r.pagerDutyRoutingKey !== undefined) {
    routes.push({ receiver: "pagerduty", matchers: [severityMatcher("critical")] });
    receivers.push({
      name: "pagerduty",
      pagerduty_configs: [{ routing_key: r.pagerDutyRoutingKey, severity: "critical", send_resolved: true }],
    });
  }
  if (r.slackWebhookUrl !== undefined) {
    routes.push({ receiver: "slack", matchers: [severityMatcher("warning")] });
    receivers.push({
      name: "slack",
      slack_configs: [
        {
          api_url: r.slackWebhookUrl,
          channel: r.slackChannel,
          send_resolved: true,
          title: "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}",
          text: "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}",
        },
      ],
    });
  }
  return {
    route: {
      receiver: "null",
      group_by: ["alertname", "namespace"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      routes,
    },
    inhibit_rules: [
      {
        source_matchers: [severityMatcher("critical")],
        target_matchers: ['severity=~"warning|info"'],
        equal: ["alertname", "namespace"],
      },
      {
        source_matchers: [severityMatcher("warning")],
        target_matchers: [severityMatcher("info")],
        equal: ["alertname", "namespace"],
      },
      { source_matchers: ['alertname="InfoInhibitor"'], target_matchers: [severityMatcher("info")], equal: ["namespace"] },
    ],
    receivers,
  };
}

export interface AlertmanagerSecretArgs {
  namespace: pulumi.Input<string>;
  topicArn: pulumi.Input<string>;
  region: string;
  slackChannel: string;
  slackWebhookUrl?: pulumi.Output<string>;
  pagerDutyRoutingKey?: pulumi.Output<string>;
  provider: k8s.Provider;
}

/** Name of the Kubernetes Secret holding `alertmanager.yaml` (the chart's `configSecret`). */
export const ALERTMANAGER_CONFIG_SECRET = "alertmanager-platform-config";

/**
 * The whole Alertmanager configuration as a Kubernetes Secret built with `pulumi.secret`: receiver
 * keys and URLs never reach Helm values (which Helm stores in its release Secret and shows in
 * `helm get values`). Missing receiver secrets are reported with a warning, so a stack without
 * them still previews.
 */
export function createAlertmanagerSecret(parent: pulumi.Resource, args: AlertmanagerSecretArgs) {
  if (args.pagerDutyRoutingKey === undefined) {
    pulumi.log.warn(
      "observability: secret pagerDutyRoutingKey is not set; critical alerts are only e-mailed, not paged " +
        "(pulumi config set --secret pagerDutyRoutingKey ...)",
      parent,
    );
  }
  if (args.slackWebhookUrl === undefined) {
    pulumi.log.warn(
      "observability: secret slackWebhookUrl is not set; warning alerts are only e-mailed, not sent to Slack " +
        "(pulumi config set --secret slackWebhookUrl ...)",
      parent,
    );
  }
  const config = pulumi
    .all([args.topicArn, args.slackWebhookUrl, args.pagerDutyRoutingKey])
    .apply(([topicArn, slackWebhookUrl, pagerDutyRoutingKey]) =>
      JSON.stringify(
        alertmanagerConfig({
          topicArn,
          region: args.region,
          slackChannel: args.slackChannel,
          slackWebhookUrl,
          pagerDutyRoutingKey,
        }),
        null,
        2,
      ),
    );
  const secret = new k8s.core.v1.Secret(
    "alertmanager-config",
    {
      metadata: {
        name: ALERTMANAGER_CONFIG_SECRET,
        namespace: args.namespace,
        labels: { "app.kubernetes.io/part-of": "observability" },
      },
      type: "Opaque",
      stringData: { "alertmanager.yaml": pulumi.secret(config) },
    },
    { parent, provider: args.provider },
  );
  return { secret, routes: routeSummary(args.pagerDutyRoutingKey !== undefined, args.slackWebhookUrl !== undefined) };
}
