import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ObservabilitySettings } from "../../infra/sections/observability";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { createAlertmanagerSecret, RouteSummary } from "./alertmanager";
import { AlarmContext, createEdgeAlarms } from "./alarms";
import { createGrafanaResources } from "./grafana";
import { createLogs } from "./logs";
import { createPrometheusStack } from "./prometheus";
import { createCanary } from "./synthetics";
import { createTracing } from "./tracing";

/**
 * The validated `observability` config section (infra/sections/observability.ts; its `canary`
 * decides whether the program passes `apiHealthUrl`) and what the program wires in.
 */
export interface ObservabilityArgs extends Omit<ObservabilitySettings, "canary"> {
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

  /** Share of error log events (percent over 5 minutes) that raises a warning. Default 5. */
  errorLogRatePercent?: number;

  // --- Edge (optional: alarms only for the identifiers given; database alarms live in components/database) ---
  /** `arnSuffix` of the public ALB: 5xx and latency alarms. */
  albArnSuffix?: pulumi.Input<string>;
  /** Name of the regional Web ACL: blocked-request spike alarm. */
  webAclName?: pulumi.Input<string>;
  /** Public API health URL: a Synthetics canary with an alarm. Default: no canary. */
  apiHealthUrl?: pulumi.Input<string>;

  /** Links every alert rule and alarm to its page under docs/runbooks. */
  runbooks: Runbooks;

  /** Protect stateful resources (keys, log groups, archive bucket) from deletion. */
  protect: boolean;
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
  /** ARNs of the critical CloudWatch alarms (ALB 5xx, the health canary): fault-injection stop conditions. */
  readonly criticalAlarmArns: pulumi.Output<string>[];

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:observability:Observability", name, {}, opts);
    const { naming } = args;
    const { protect } = args;
    const provider = args.kubernetesProvider;
    const alarmCtx: AlarmContext = { parent: this, naming, topicArn: args.alertTopicArn, runbooks: args.runbooks, critical: [] };
    const irsa = { oidcProviderArn: args.oidcProviderArn, oidcIssuer: args.oidcIssuer, namespaceName: args.namespace };

    const alertmanager = createAlertmanagerSecret(this, {
      namespace: args.namespace,
      topicArn: args.alertTopicArn,
      region: args.region,
      slackChannel: args.slackChannel,
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
      retentionDays: args.prometheusRetentionDays,
      volumeGiB: args.prometheusVolumeGiB,
      replicas: args.prometheusReplicas,
      grafanaVolumeGiB: args.grafanaVolumeGiB,
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
      retentionDays: args.logRetentionDays,
      k8sNamespace: args.namespace,
      k8sNamespaceName: args.namespace,
      oidcProviderArn: args.oidcProviderArn,
      oidcIssuer: args.oidcIssuer,
      provider,
      alarms: alarmCtx,
      errorRatePercent: args.errorLogRatePercent ?? 5,
      archive: args.logArchive || undefined,
      protect,
    });

    const tracing = createTracing(this, {
      naming,
      region: args.region,
      samplingPercent: args.traceSamplingPercent,
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
    this.criticalAlarmArns = (alarmCtx.critical ?? []).map((a) => a.arn);
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
