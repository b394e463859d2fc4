/**
 * The custom Prometheus rules held against the real tools: promtool (`check rules`, and a
 * `test rules` unit test per alert that it fires with the labels and annotations routing needs
 * and stays silent on healthy input) and the Prometheus project's PromQL grammar.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { AlertRule, CHART_RULES_REPLACED, prometheusRules, RecordingRule } from "../../components/observability/rules";
import { kubePrometheusStackValues } from "../../components/observability/prometheus";
import { Runbooks } from "../../lib/runbooks";
import { promqlErrors, promqlMetrics } from "../support/promql";
import { needTool, onPath, run, runInBackground, tempFiles } from "../support/real-tools";

const runbooks = new Runbooks("https://github.com/example-org/b2b-commerce/blob/main/docs/runbooks");
const RULES = prometheusRules(runbooks);
const groups = Object.values(RULES).flatMap((f) => f.groups);
const alerts = groups.flatMap((g) => g.rules).filter((r): r is AlertRule => "alert" in r);
const records = groups.flatMap((g) => g.rules).filter((r): r is RecordingRule => "record" in r);
const alertNames = [...new Set(alerts.map((a) => a.alert))];

/** The rule files as the operator hands them to Prometheus (JSON is YAML). */
const RULE_FILES = Object.fromEntries(
  Object.entries(RULES).map(([name, file]) => [`${name}.rules.yaml`, JSON.stringify(file, null, 2)]),
);

type Labels = Record<string, string>;
interface Series {
  series: string;
  values: string;
}
interface AlertCase {
  /** Input that breaks the condition. */
  firing: Series[];
  /** The same series, healthy. */
  healthy: Series[];
  evalTime: string;
  /** Labels each firing alert carries from its series (the rule's labels are added from the rule). */
  seriesLabels: Labels[];
  /** Which of the alert's rules (same name, several windows) fire at `evalTime`, by label `window`. */
  windows?: string[];
}

const sel = (labels: Labels) =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(",")}}`;
const counter = (name: string, labels: Labels, perMinute: number, minutes: number): Series => ({
  series: `${name}${sel(labels)}`,
  values: `0+${perMinute}x${minutes}`,
});
const gauge = (name: string, labels: Labels, value: number, minutes: number): Series => ({
  series: `${name}${sel(labels)}`,
  values: `${value}x${minutes}`,
});

const API = { service: "api" };
const requests = (errorsPerMinute: number, okPerMinute: number) => [
  counter("http_requests_total", { ...API, code: "500" }, errorsPerMinute, 300),
  counter("http_requests_total", { ...API, code: "200" }, okPerMinute, 300),
];
const latency = (fastPerMinute: number, totalPerMinute: number) => [
  counter("http_request_duration_seconds_bucket", { ...API, le: "0.5" }, fastPerMinute, 300),
  counter("http_request_duration_seconds_count", API, totalPerMinute, 300),
];
const PROM_CLAIM = { namespace: "monitoring", persistentvolumeclaim: "prometheus-kps-prometheus-db-prometheus-kps-prometheus-0" };
const AM_CLAIM = {
  namespace: "monitoring",
  persistentvolumeclaim: "alertmanager-kps-alertmanager-db-alertmanager-kps-alertmanager-0",
};
const PROM_POD = { job: "kps-prometheus", namespace: "monitoring", pod: "prometheus-kps-prometheus-0" };
const NODE = { node: "ip-10-30-1-10.eu-central-1.compute.internal" };
const FS = { instance: "10.30.1.10:9100", mountpoint: "/", fstype: "xfs" };
const DEPLOY = { namespace: "api", deployment: "api" };

/** One case per custom alert: what breaks it, what keeps it quiet. */
const CASES: Record<string, AlertCase> = {
  // Availability objective 99.9 %: 5 % errors burn the budget 50x; 0.05 % stays under 1x.
  ApiSloAvailabilityBurnRateFast: {
    firing: requests(5, 95),
    healthy: requests(1, 1999),
    evalTime: "10m",
    seriesLabels: [{}],
    windows: ["1h"],
  },
  ApiSloAvailabilityBurnRateSlow: {
    firing: requests(5, 95),
    healthy: requests(1, 1999),
    evalTime: "4h",
    seriesLabels: [{}, {}],
    windows: ["1d", "3d"],
  },
  // Latency objective 99 % under 0.5 s: 20 % slow burns 20x; 0.5 % slow stays under 1x.
  ApiSloLatencyBurnRateFast: {
    firing: latency(80, 100),
    healthy: latency(995, 1000),
    evalTime: "10m",
    seriesLabels: [{}],
    windows: ["1h"],
  },
  ApiSloLatencyBurnRateSlow: {
    firing: latency(80, 100),
    healthy: latency(995, 1000),
    evalTime: "4h",
    seriesLabels: [{}, {}],
    windows: ["1d", "3d"],
  },
  NodePressure: {
    firing: [gauge("kube_node_status_condition", { ...NODE, condition: "MemoryPressure", status: "true" }, 1, 30)],
    healthy: [gauge("kube_node_status_condition", { ...NODE, condition: "MemoryPressure", status: "true" }, 0, 30)],
    evalTime: "20m",
    seriesLabels: [{ ...NODE, condition: "MemoryPressure", status: "true" }],
  },
  NodeFilesystemAlmostFull: {
    firing: [gauge("node_filesystem_avail_bytes", FS, 5, 30), gauge("node_filesystem_size_bytes", FS, 100, 30)],
    healthy: [gauge("node_filesystem_avail_bytes", FS, 50, 30), gauge("node_filesystem_size_bytes", FS, 100, 30)],
    evalTime: "20m",
    seriesLabels: [FS],
  },
  DeploymentReplicasUnavailable: {
    firing: [
      gauge("kube_deployment_status_replicas_available", DEPLOY, 1, 30),
      gauge("kube_deployment_spec_replicas", DEPLOY, 3, 30),
    ],
    healthy: [
      gauge("kube_deployment_status_replicas_available", DEPLOY, 3, 30),
      gauge("kube_deployment_spec_replicas", DEPLOY, 3, 30),
    ],
    evalTime: "20m",
    seriesLabels: [DEPLOY],
  },
  PrometheusNotIngesting: {
    firing: [gauge("prometheus_tsdb_head_samples_appended_total", PROM_POD, 1000, 30)],
    healthy: [counter("prometheus_tsdb_head_samples_appended_total", PROM_POD, 600, 30)],
    evalTime: "20m",
    seriesLabels: [PROM_POD],
  },
  // The Prometheus volume 90 % full, as kubelet reports it (by claim, no pod label); an
  // Alertmanager volume 95 % full is not this alert's business.
  PrometheusTsdbStorageAlmostFull: {
    firing: [
      gauge("kubelet_volume_stats_available_bytes", PROM_CLAIM, 10e9, 60),
      gauge("kubelet_volume_stats_capacity_bytes", PROM_CLAIM, 100e9, 60),
      gauge("kubelet_volume_stats_available_bytes", AM_CLAIM, 0.25e9, 60),
      gauge("kubelet_volume_stats_capacity_bytes", AM_CLAIM, 5e9, 60),
    ],
    healthy: [
      gauge("kubelet_volume_stats_available_bytes", PROM_CLAIM, 50e9, 60),
      gauge("kubelet_volume_stats_capacity_bytes", PROM_CLAIM, 100e9, 60),
      gauge("kubelet_volume_stats_available_bytes", AM_CLAIM, 0.25e9, 60),
      gauge("kubelet_volume_stats_capacity_bytes", AM_CLAIM, 5e9, 60),
    ],
    evalTime: "45m",
    seriesLabels: [PROM_CLAIM],
  },
  AlertmanagerDown: {
    firing: [gauge("up", { job: "kps-alertmanager", instance: "10.30.2.20:9093" }, 0, 30)],
    healthy: [gauge("up", { job: "kps-alertmanager", instance: "10.30.2.20:9093" }, 1, 30)],
    evalTime: "20m",
    seriesLabels: [{}],
  },
};

/** Expands the `{{ $labels.x }}` placeholders the rules use, as Prometheus' templating does. */
const expand = (text: string, labels: Labels) =>
  text.replace(/\{\{\s*\$labels\.(\w+)\s*\}\}/g, (_, k) => labels[k] ?? "<no value>");

/** The promtool unit test for one alert: firing case with expected alerts, healthy case with none. */
function unitTest(name: string, c: AlertCase): string {
  const rules = alerts.filter((a) => a.alert === name && (!c.windows || c.windows.includes(a.labels.window)));
  assert.equal(rules.length, c.seriesLabels.length, `${name}: one expected alert per firing rule`);
  const expAlerts = rules.map((rule, i) => {
    const labels = { ...c.seriesLabels[i], ...rule.labels };
    return {
      exp_labels: labels,
      exp_annotations: Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, expand(v!, labels)])),
    };
  });
  const test = (series: Series[], exp: unknown[]) => ({
    interval: "1m",
    input_series: series,
    alert_rule_test: [{ eval_time: c.evalTime, alertname: name, exp_alerts: exp }],
  });
  return JSON.stringify({
    rule_files: Object.keys(RULE_FILES),
    evaluation_interval: "1m",
    tests: [test(c.firing, expAlerts), test(c.healthy, [])],
  });
}

/** Each alert's promtool unit test, started in the background as this file loads. */
const unitRuns = new Map(
  onPath("promtool")
    ? Object.entries(CASES).map(([name, c]) => [
        name,
        runInBackground("promtool", ["test", "rules", "test.yaml"], () => ({ ...RULE_FILES, "test.yaml": unitTest(name, c) })),
      ])
    : [],
);

describe("Prometheus rules", () => {
  it("every alert has a `for`, a severity label for routing, a summary and a description", () => {
    for (const a of alerts) {
      assert.match(a.for ?? "", /^\d+[smh]$/, `${a.alert}: for`);
      assert.ok(["critical", "warning"].includes(a.labels.severity), `${a.alert}: severity`);
      assert.ok(a.annotations.summary && a.annotations.description, `${a.alert}: annotations`);
    }
  });

  it("every recording rule and alert expression parses with the PromQL grammar", () => {
    for (const r of [...records, ...alerts]) assert.deepEqual(promqlErrors(r.expr), [], r.expr);
  });

  it("the PromQL check rejects a broken expression", () => {
    assert.ok(promqlErrors("sum(rate(http_requests_total[5m])").length > 0);
    assert.ok(promqlErrors("foo / on(pod group_left() bar").length > 0);
  });

  it("repeats none of the chart's default alerts, or switches the default off", () => {
    // Default rules of kube-prometheus-stack 88.5.3 (templates/prometheus/rules-1.14: kubernetes-apps,
    // kubernetes-system-kubelet, prometheus, alertmanager.rules) and the metric each alerts on.
    const CHART_ALERTS: Record<string, string> = {
      KubePodCrashLooping: "kube_pod_container_status_restarts_total",
      KubePodNotReady: "kube_pod_status_phase",
      KubeNodeNotReady: "kube_node_status_condition",
      PrometheusRuleFailures: "prometheus_rule_evaluation_failures_total",
      AlertmanagerFailedToSendAlerts: "alertmanager_notifications_failed_total",
      PrometheusNotIngestingSamples: "prometheus_tsdb_head_samples_appended_total",
    };
    const disabled = kubePrometheusStackValues({ runbooks } as never).defaultRules.disabled as Record<string, boolean>;
    for (const a of alerts) {
      const metrics = promqlMetrics(a.expr);
      for (const [chartAlert, metric] of Object.entries(CHART_ALERTS)) {
        // NodePressure reads other conditions of the same metric than KubeNodeNotReady (Ready).
        if (!metrics.includes(metric) || (metric === "kube_node_status_condition" && !a.expr.includes('condition="Ready"')))
          continue;
        assert.equal(
          disabled[chartAlert],
          true,
          `${a.alert} repeats the chart's ${chartAlert}: remove it or disable the default`,
        );
        assert.equal(CHART_RULES_REPLACED[chartAlert], a.alert);
      }
    }
    for (const name of [
      "NodeNotReady",
      "PodCrashLooping",
      "PodNotReady",
      "PrometheusRuleEvaluationFailures",
      "AlertmanagerNotificationsFailing",
    ]) {
      assert.ok(!alertNames.includes(name), `${name} duplicates a default rule`);
    }
  });

  it("promtool check rules accepts every rule file", function () {
    needTool(this, "promtool");
    const dir = tempFiles(RULE_FILES);
    const r = run("promtool", ["check", "rules", ...Object.keys(RULE_FILES)], dir);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(r.status, 0, r.output);
  });

  it("has a promtool unit test for every custom alert", () => {
    assert.deepEqual(Object.keys(CASES).sort(), [...alertNames].sort());
  });

  for (const name of Object.keys(CASES)) {
    it(`promtool: ${name} fires with its routing labels and annotations, and is silent when healthy`, async function () {
      needTool(this, "promtool");
      const r = await unitRuns.get(name)!;
      assert.equal(r.status, 0, r.output);
    });
  }

  it("promtool: the storage alert of the old on(pod) join gets no alert on a 90 % full volume (the case catches it)", function () {
    needTool(this, "promtool");
    const old = {
      groups: [
        {
          name: "old",
          rules: [
            {
              alert: "PrometheusTsdbStorageAlmostFull",
              expr: "prometheus_tsdb_storage_blocks_bytes / on(pod) group_left() kubelet_volume_stats_capacity_bytes > 0.8",
              for: "30m",
              labels: { severity: "warning" },
            },
          ],
        },
      ],
    };
    const test = {
      rule_files: ["old.yaml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          input_series: [
            gauge("prometheus_tsdb_storage_blocks_bytes", PROM_POD, 90e9, 60),
            ...CASES.PrometheusTsdbStorageAlmostFull.firing.slice(0, 2),
          ],
          alert_rule_test: [
            {
              eval_time: "45m",
              alertname: "PrometheusTsdbStorageAlmostFull",
              exp_alerts: [{ exp_labels: { ...PROM_CLAIM, severity: "warning" } }],
            },
          ],
        },
      ],
    };
    const dir = tempFiles({ "old.yaml": JSON.stringify(old), "test.yaml": JSON.stringify(test) });
    const r = run("promtool", ["test", "rules", "test.yaml"], dir);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.notEqual(r.status, 0, "the old expression must fail the firing case");
    assert.match(r.output, /got:\[\s*\]/, r.output);
  });
});
