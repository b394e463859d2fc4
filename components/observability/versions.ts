/**
 * Every chart, image and runtime version of the observability stack, in one place. Upgrade here
 * (and run `npm run crds:prometheus` for kube-prometheus-stack, see docs/observability.md).
 */

/** A pinned Helm chart: name, repository and exact version. */
export interface ChartPin {
  chart: string;
  repo: string;
  version: string;
}

/**
 * kube-prometheus-stack 88.5.3 (appVersion = prometheus-operator v0.93.1, bundles Grafana chart
 * 12.11.1). Source: the chart's Chart.yaml in
 * prometheus-community/helm-charts (snapshot 2026-08-22), checked 2026-11.
 */
export const KUBE_PROMETHEUS_STACK: ChartPin = {
  chart: "kube-prometheus-stack",
  repo: "https://prometheus-community.github.io/helm-charts",
  version: "88.5.3",
};

/** The prometheus-operator release whose CRDs kube-prometheus-stack 88.5.3 needs (the chart's appVersion). */
export const PROMETHEUS_OPERATOR_VERSION = "v0.93.1";

/** The CRDs the operator ships (prometheus-operator `example/prometheus-operator-crd/`; chart UPGRADE.md). */
export const PROMETHEUS_OPERATOR_CRDS = [
  "alertmanagerconfigs",
  "alertmanagers",
  "podmonitors",
  "probes",
  "prometheusagents",
  "prometheuses",
  "prometheusrules",
  "scrapeconfigs",
  "servicemonitors",
  "thanosrulers",
] as const;

/**
 * The `kubectl` commands that upgrade the CRDs before the chart (Helm installs CRDs once and never
 * upgrades them). Server-side apply: the CRDs are too large for the client-side last-applied
 * annotation; `--force-conflicts` takes over fields last written by Helm's install.
 */
export function prometheusCrdUpgradeCommands(operatorVersion: string = PROMETHEUS_OPERATOR_VERSION): string[] {
  return PROMETHEUS_OPERATOR_CRDS.map(
    (crd) =>
      "kubectl apply --server-side --force-conflicts -f " +
      `https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/${operatorVersion}/example/prometheus-operator-crd/monitoring.coreos.com_${crd}.yaml`,
  );
}

/**
 * aws-for-fluent-bit 0.2.0 (appVersion = AWS for Fluent Bit 3.2.1). Source: the chart's
 * Chart.yaml, values.yaml and configmap template in aws/eks-charts
 * (snapshot 2026-08-03), checked 2026-11. A 0.2.1 (AWS for Fluent Bit 3.4.16) exists in another
 * snapshot of that repository; adopt it after reading its values diff.
 */
export const AWS_FOR_FLUENT_BIT: ChartPin = {
  chart: "aws-for-fluent-bit",
  repo: "https://aws.github.io/eks-charts",
  version: "0.2.0",
};

/**
 * opentelemetry-collector 0.170.0 (appVersion 0.158.0). Source: the chart's Chart.yaml in open-telemetry/opentelemetry-helm-charts (snapshot 2026-08-20).
 */
export const OPENTELEMETRY_COLLECTOR: ChartPin = {
  chart: "opentelemetry-collector",
  repo: "https://open-telemetry.github.io/opentelemetry-helm-charts",
  version: "0.170.0",
};

/**
 * The collector image: the contrib distribution (it has the `awsxray` exporter; the core image
 * does not), tag = the chart's appVersion 0.158.0. Its binary is `otelcol-contrib`.
 */
export const OTEL_COLLECTOR_IMAGE = {
  repository: "otel/opentelemetry-collector-contrib",
  tag: "0.158.0",
  command: "otelcol-contrib",
};

/**
 * CloudWatch Synthetics runtime: the most recent Node.js/Puppeteer runtime listed in the
 * CloudWatch user guide ("Runtime versions using Node.js and Puppeteer", checked 2026-11). From
 * 13.1 on, the library is `@aws/synthetics-puppeteer`.
 */
export const SYNTHETICS_RUNTIME = "syn-nodejs-puppeteer-15.0";
