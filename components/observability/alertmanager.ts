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
  /** Receiver that gets every alert (`continue: true`). */
  all: string;
}

export function routeSummary(hasPagerDuty: boolean, hasSlack: boolean): RouteSummary {
  return { critical: hasPagerDuty ? "pagerduty" : undefined, warning: hasSlack ? "slack" : undefined, all: "email" };
}

const severityMatcher = (s: Severity) => `severity="${s}"`;

/**
 * The Alertmanager configuration (JSON is valid YAML). Route tree: the Watchdog heartbeat and the
 * chart's InfoInhibitor go nowhere; every other alert is e-mailed through the SNS topic and
 * continues; critical alerts page through PagerDuty, warnings go to Slack. A firing critical
 * inhibits warnings of the same alertname and namespace.
 */
export function alertmanagerConfig(r: ReceiverValues): Record<string, unknown> {
  const routes: Record<string, unknown>[] = [
    { receiver: "null", matchers: ['alertname=~"Watchdog|InfoInhibitor"'] },
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
        target_matchers: [severityMatcher("warning")],
        equal: ["alertname", "namespace"],
      },
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
