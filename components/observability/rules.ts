/**
 * PrometheusRule groups, loaded through the chart's `additionalPrometheusRulesMap` (each becomes a
 * PrometheusRule object of the release). Every alert carries a `severity` label: `critical` pages
 * (PagerDuty), `warning` goes to Slack; both are e-mailed (alertmanager.ts). Every alert has a `for`.
 *
 * The chart's default rules already alert on nodes not Ready (KubeNodeNotReady), crash loops
 * (KubePodCrashLooping), pods not running (KubePodNotReady), rule evaluation failures
 * (PrometheusRuleFailures) and failed notifications (AlertmanagerFailedToSendAlerts): they are not
 * repeated here, so one condition sends one notification. Where a custom rule replaces a default
 * one (a stricter severity), the default is switched off in `CHART_RULES_REPLACED`.
 *
 * The API SLOs use the metric names of docs/observability.md ("Metrics for service teams"):
 * `http_requests_total{service,route,method,code}` and the histogram
 * `http_request_duration_seconds{service,route,method}`.
 */

import { Runbooks } from "../../lib/runbooks";

export type Severity = "critical" | "warning";

export interface AlertRule {
  alert: string;
  expr: string;
  /** How long the condition must hold before the alert fires (every alert has one: no page on a blip). */
  for: string;
  labels: { severity: Severity } & Record<string, string>;
  annotations: { summary: string; description: string; runbook_url?: string };
}

export interface RecordingRule {
  record: string;
  expr: string;
}

export interface RuleGroup {
  name: string;
  rules: (AlertRule | RecordingRule)[];
}

export interface SloOptions {
  /** The `service` label value of the API. Default `api`. */
  service: string;
  /** Availability objective (share of non-5xx responses). Default 0.999. */
  availability: number;
  /** Latency objective: this share of requests is faster than `latencyThresholdSeconds`. Default 0.99. */
  latency: number;
  /** A histogram bucket boundary (`le`) of `http_request_duration_seconds`. Default 0.5. */
  latencyThresholdSeconds: number;
}

export const DEFAULT_SLO: SloOptions = { service: "api", availability: 0.999, latency: 0.99, latencyThresholdSeconds: 0.5 };

/** The windows of the multi-window, multi-burn-rate alerts (Google SRE workbook, "Alerting on SLOs", table 5-8). */
const WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;
const BURN_ALERTS: { severity: Severity; long: string; short: string; factor: number; for: string }[] = [
  { severity: "critical", long: "1h", short: "5m", factor: 14.4, for: "2m" },
  { severity: "critical", long: "6h", short: "30m", factor: 6, for: "15m" },
  { severity: "warning", long: "1d", short: "2h", factor: 3, for: "1h" },
  { severity: "warning", long: "3d", short: "6h", factor: 1, for: "3h" },
];

function sloGroups(slo: SloOptions): RuleGroup[] {
  const sel = `service="${slo.service}"`;
  const errorRecords: RecordingRule[] = WINDOWS.map((w) => ({
    record: `slo:api_errors:ratio_rate${w}`,
    expr: `sum(rate(http_requests_total{${sel},code=~"5.."}[${w}])) / sum(rate(http_requests_total{${sel}}[${w}]))`,
  }));
  const latencyRecords: RecordingRule[] = WINDOWS.map((w) => ({
    record: `slo:api_slow_requests:ratio_rate${w}`,
    expr:
      `1 - (sum(rate(http_request_duration_seconds_bucket{${sel},le="${slo.latencyThresholdSeconds}"}[${w}]))` +
      ` / sum(rate(http_request_duration_seconds_count{${sel}}[${w}])))`,
  }));
  const burnAlerts = (kind: "Availability" | "Latency", record: string, objective: number): AlertRule[] =>
    BURN_ALERTS.map((b) => {
      const budget = +(1 - objective).toPrecision(6);
      const threshold = +(b.factor * budget).toPrecision(6);
      return {
        alert: `ApiSlo${kind}BurnRate${b.severity === "critical" ? "Fast" : "Slow"}`,
        expr: `${record}${b.long} > ${threshold} and ${record}${b.short} > ${threshold}`,
        for: b.for,
        labels: { severity: b.severity, slo: kind.toLowerCase(), window: b.long },
        annotations: {
          summary: `API ${kind.toLowerCase()} error budget burning ${b.factor}x over ${b.long}`,
          description:
            `The API (service="${slo.service}") is consuming its ${kind.toLowerCase()} error budget ` +
            `(objective ${objective * 100}%) at ${b.factor}x the sustainable rate over ${b.long} and ${b.short}.`,
        },
      };
    });
  return [
    { name: "slo-api-recording", rules: [...errorRecords, ...latencyRecords] },
    {
      name: "slo-api-alerts",
      rules: [
        ...burnAlerts("Availability", "slo:api_errors:ratio_rate", slo.availability),
        ...burnAlerts("Latency", "slo:api_slow_requests:ratio_rate", slo.latency),
      ],
    },
  ];
}

const NODE_AND_POD: RuleGroup = {
  name: "platform-nodes-pods",
  rules: [
    {
      alert: "NodePressure",
      expr: 'kube_node_status_condition{condition=~"MemoryPressure|DiskPressure|PIDPressure",status="true"} == 1',
      for: "10m",
      labels: { severity: "warning" },
      annotations: { summary: "Node {{ $labels.node }} reports {{ $labels.condition }}", description: "Pods may be evicted." },
    },
    {
      alert: "NodeFilesystemAlmostFull",
      expr: '(node_filesystem_avail_bytes{fstype!~"tmpfs|overlay"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay"}) < 0.10',
      for: "15m",
      labels: { severity: "warning" },
      annotations: {
        summary: "Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} is over 90% full",
        description: "Free space below 10%.",
      },
    },
    {
      alert: "DeploymentReplicasUnavailable",
      expr: "kube_deployment_status_replicas_available / kube_deployment_spec_replicas < 0.5 and kube_deployment_spec_replicas > 1",
      for: "10m",
      labels: { severity: "critical" },
      annotations: {
        summary: "{{ $labels.namespace }}/{{ $labels.deployment }} has less than half its replicas",
        description: "Capacity is degraded.",
      },
    },
  ],
};

/** The Prometheus StatefulSet's volume claims (operator naming, `<volume>-<pod>`). */
const PROMETHEUS_CLAIMS = 'persistentvolumeclaim=~"prometheus-.+-db-prometheus-.+"';

const MONITORING_HEALTH: RuleGroup = {
  name: "platform-monitoring-health",
  rules: [
    {
      alert: "PrometheusNotIngesting",
      expr: 'rate(prometheus_tsdb_head_samples_appended_total{job=~".*prometheus"}[5m]) <= 0',
      for: "10m",
      labels: { severity: "critical" },
      annotations: { summary: "Prometheus {{ $labels.pod }} ingests no samples", description: "Metrics and alerts are blind." },
    },
    {
      alert: "PrometheusTsdbStorageAlmostFull",
      // kubelet_volume_stats_* carry the claim (namespace, persistentvolumeclaim), not the pod, so
      // the ratio is taken on the claims of the Prometheus StatefulSet (the operator names them
      // prometheus-<name>-db-prometheus-<name>-<ordinal>). retentionSize deletes blocks at 85%.
      expr:
        `1 - kubelet_volume_stats_available_bytes{${PROMETHEUS_CLAIMS}}` +
        ` / kubelet_volume_stats_capacity_bytes{${PROMETHEUS_CLAIMS}} > 0.8`,
      for: "30m",
      labels: { severity: "warning" },
      annotations: {
        summary: "Prometheus volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is over 80% used",
        description: "Grow the volume (observability.prometheusVolumeGiB).",
      },
    },
    {
      alert: "AlertmanagerDown",
      expr: 'absent(up{job=~".*alertmanager"} == 1)',
      for: "5m",
      labels: { severity: "critical" },
      annotations: { summary: "No Alertmanager is up", description: "Alerts are not delivered." },
    },
  ],
};

/**
 * Default rules of kube-prometheus-stack that a custom rule here replaces, for the chart's
 * `defaultRules.disabled` (chart name -> our alert). PrometheusNotIngestingSamples is a warning in
 * the chart; a Prometheus that ingests nothing blinds every other alert, so ours pages.
 */
export const CHART_RULES_REPLACED: Record<string, string> = { PrometheusNotIngestingSamples: "PrometheusNotIngesting" };

/**
 * All rule groups, keyed for `additionalPrometheusRulesMap` (keys become PrometheusRule names).
 * Every alert gets a `runbook_url` to `docs/runbooks/<alert>.md` unless it names its own page.
 */
export function prometheusRules(runbooks: Runbooks, slo: SloOptions = DEFAULT_SLO): Record<string, { groups: RuleGroup[] }> {
  const linked = (groups: RuleGroup[]): RuleGroup[] =>
    groups.map((g) => ({
      ...g,
      rules: g.rules.map((r) =>
        "alert" in r
          ? { ...r, annotations: { ...r.annotations, runbook_url: r.annotations.runbook_url ?? runbooks.url(r.alert) } }
          : r,
      ),
    }));
  return {
    "api-slo": { groups: linked(sloGroups(slo)) },
    "platform-nodes-pods": { groups: linked([NODE_AND_POD]) },
    "platform-monitoring-health": { groups: linked([MONITORING_HEALTH]) },
  };
}
