import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { createAlertmanagerSecret, RouteSummary } from "./alertmanager";
import { createEdgeAlarms } from "./alarms";
import { createGrafanaResources } from "./grafana";
import { createLogs } from "./logs";
import { createPrometheusStack } from "./prometheus";
import { createCanary } from "./synthetics";
import { createTracing } from "./tracing";

export interface ObservabilityArgs {
  /** Builds physical names. */
  naming: Naming;
  /** The stack's region (CloudWatch data source, Fluent Bit and X-Ray endpoints, alarm dimensions). */
  region: string;

  // --- From the cluster component ---
  /** Every chart and Kubernetes object goes through this provider (`cluster.kubernetesProvider`). */
  kubernetesProvider: k8s.Provider;
  /** EKS cluster name (Prometheus `cluster` external label). */
  clusterName: pulumi.Input<string>;
  /** ARN of the cluster's IAM OIDC provider (IRSA). */
  oidcProviderArn: pulumi.Input<string>;
  /** The cluster's OIDC issuer without `https://` (IRSA trust conditions). */
  oidcIssuer: pulumi.Input<string>;
  /** The monitoring namespace (`cluster.namespaces.monitoring`); every release of this component goes there. */
  namespace: string;
  /** Namespaces whose container logs are shipped to CloudWatch, one log group each. */
  logNamespaces: string[];

  // --- From the alerting component ---
  /** The stack's one alert topic: CloudWatch alarms and Alertmanager's e-mail receiver publish here. */
  alertTopicArn: pulumi.Input<string>;
  /** The topic's KMS key (Alertmanager's role needs a data key to publish to the encrypted topic). */
  alertTopicKeyArn: pulumi.Input<string>;

  // --- Metrics ---
  /** Prometheus retention in days. Default 30. */
  prometheusRetentionDays?: number;
  /** Size of each Prometheus volume in GiB. Default 200. */
  prometheusVolumeGiB?: number;
  /** Prometheus replicas (Alertmanager runs 2 when this is above 1). Default 2. */
  prometheusReplicas?: number;
  /** Grafana's volume in GiB. Default 10. */
  grafanaVolumeGiB?: number;

  // --- Alert receivers (secrets; a missing one leaves its receiver out with a warning) ---
  /** Slack channel of the warning receiver. Default `#alerts`. */
  slackChannel?: string;
  /** Slack incoming-webhook URL (secret). Default: none (no Slack receiver). */
  slackWebhookUrl?: pulumi.Output<string>;
  /** PagerDuty Events API v2 routing key (secret). Default: none (no PagerDuty receiver). */
  pagerDutyRoutingKey?: pulumi.Output<string>;

  // --- Logs ---
  /** Retention of the container log groups in days. Default 90. */
  logRetentionDays?: number;
  /** Share of error log events (percent over 5 minutes) that raises a warning. Default 5. */
  errorLogRatePercent?: number;
  /** Archive container logs to S3 (Firehose): lifecycle days. Default: Glacier after 30, expire after 2557. */
  logArchive?: { glacierAfterDays: number; expireAfterDays: number } | false;

  // --- Tracing ---
  /** Percent of traces kept and exported to X-Ray. Default 10. */
  traceSamplingPercent?: number;

  // --- Edge (optional: alarms only for the identifiers given; database alarms live in components/database) ---
  /** `arnSuffix` of the public ALB: 5xx and latency alarms. */
  albArnSuffix?: pulumi.Input<string>;
  /** Name of the regional Web ACL: blocked-request spike alarm. */
  webAclName?: pulumi.Input<string>;
  /** Public API health URL: a Synthetics canary with an alarm. Default: no canary. */
  apiHealthUrl?: pulumi.Input<string>;

  /** Links every alert rule and alarm to its page under docs/runbooks. */
  runbooks: Runbooks;

  /** Protect stateful resources (keys, log groups, archive bucket) from deletion. Default true. */
  protect?: boolean;
}

/**
 * Metrics (kube-prometheus-stack with Grafana and dashboards as code), alert routing by severity,
 * container logs in CloudWatch (Fluent Bit) with an S3 archive, tracing to X-Ray (OpenTelemetry
 * collector), CloudWatch alarms and a health canary.
 */
export class Observability extends pulumi.ComponentResource {
  /** Who gets which alerts (receiver names by severity; no secret). */
  readonly alertRoutes: RouteSummary;
  /** Container log group names by Kubernetes namespace. */
  readonly logGroupNames: Record<string, pulumi.Output<string>>;
  readonly grafanaRoleArn: pulumi.Output<string>;
  readonly fluentBitRoleArn: pulumi.Output<string>;
  readonly otelCollectorRoleArn: pulumi.Output<string>;
  /** OTLP endpoint services send traces to (gRPC). */
  readonly otlpEndpoint: string;
  readonly logArchiveBucket?: pulumi.Output<string>;

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:observability:Observability", name, {}, opts);
    const { naming } = args;
    const protect = args.protect ?? true;
    const provider = args.kubernetesProvider;
    const alarmCtx = { parent: this, naming, topicArn: args.alertTopicArn, runbooks: args.runbooks };
    const irsa = { oidcProviderArn: args.oidcProviderArn, oidcIssuer: args.oidcIssuer, namespaceName: args.namespace };

    const alertmanager = createAlertmanagerSecret(this, {
      namespace: args.namespace,
      topicArn: args.alertTopicArn,
      region: args.region,
      slackChannel: args.slackChannel ?? "#alerts",
      slackWebhookUrl: args.slackWebhookUrl,
      pagerDutyRoutingKey: args.pagerDutyRoutingKey,
      provider,
    });
    const grafana = createGrafanaResources(this, { naming, namespace: args.namespace, provider, ...irsa });
    createPrometheusStack(this, {
      naming,
      namespace: args.namespace,
      ...irsa,
      region: args.region,
      retentionDays: args.prometheusRetentionDays ?? 30,
      volumeGiB: args.prometheusVolumeGiB ?? 200,
      replicas: args.prometheusReplicas ?? 2,
      grafanaVolumeGiB: args.grafanaVolumeGiB ?? 10,
      grafanaRoleArn: grafana.role.arn,
      clusterName: args.clusterName,
      alertTopicArn: args.alertTopicArn,
      alertTopicKeyArn: args.alertTopicKeyArn,
      runbooks: args.runbooks,
      provider,
      protect,
      dependsOn: [alertmanager.secret, grafana.adminSecret],
    });

    const logs = createLogs(this, {
      naming,
      region: args.region,
      namespaces: args.logNamespaces,
      retentionDays: args.logRetentionDays ?? 90,
      k8sNamespace: args.namespace,
      k8sNamespaceName: args.namespace,
      oidcProviderArn: args.oidcProviderArn,
      oidcIssuer: args.oidcIssuer,
      provider,
      alarms: alarmCtx,
      errorRatePercent: args.errorLogRatePercent ?? 5,
      archive: args.logArchive === false ? undefined : (args.logArchive ?? { glacierAfterDays: 30, expireAfterDays: 2557 }),
      protect,
    });

    const tracing = createTracing(this, {
      naming,
      region: args.region,
      samplingPercent: args.traceSamplingPercent ?? 10,
      namespace: args.namespace,
      provider,
      ...irsa,
    });

    createEdgeAlarms(alarmCtx, {
      region: args.region,
      albArnSuffix: args.albArnSuffix,
      webAclName: args.webAclName,
    });
    if (args.apiHealthUrl !== undefined) {
      createCanary(this, { naming, region: args.region, healthUrl: args.apiHealthUrl, alarms: alarmCtx, protect });
    }

    this.alertRoutes = alertmanager.routes;
    this.logGroupNames = Object.fromEntries(Object.entries(logs.groups).map(([ns, g]) => [ns, g.name]));
    this.grafanaRoleArn = grafana.role.arn;
    this.fluentBitRoleArn = logs.role.arn;
    this.otelCollectorRoleArn = tracing.role.arn;
    this.otlpEndpoint = `otel-collector.${args.namespace}.svc.cluster.local:4317`;
    this.logArchiveBucket = logs.archive?.bucket.bucket;
    this.registerOutputs({
      alertRoutes: this.alertRoutes,
      logGroupNames: this.logGroupNames,
      grafanaRoleArn: this.grafanaRoleArn,
      fluentBitRoleArn: this.fluentBitRoleArn,
      otelCollectorRoleArn: this.otelCollectorRoleArn,
      otlpEndpoint: this.otlpEndpoint,
      logArchiveBucket: this.logArchiveBucket,
    });
  }
}
