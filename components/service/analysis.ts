import { AnalysisThresholds } from "./types";

/** The Prometheus of kube-prometheus-stack (release `fullnameOverride: kps`, namespace monitoring). */
export const PROMETHEUS_ADDRESS = "http://kps-prometheus.monitoring.svc.cluster.local:9090";

/** The analysis argument Argo Rollouts fills with the new pods' template hash (`podTemplateHashValue: Latest`). */
export const HASH_ARG = "hash";

/**
 * The new revision's pods only: the ServiceMonitor copies the pod label `rollouts-pod-template-hash`
 * onto every series (`podTargetLabels`), and Argo Rollouts passes the new revision's hash as an
 * argument (Argo Rollouts docs, "Analysis & Progressive Delivery", podTemplateHashValue).
 * Metric names are those of the platform's SLO rules (`http_requests_total`,
 * `http_request_duration_seconds`), so the canary is judged by the same numbers as the SLO.
 */
function selector(namespace: string, extra = ""): string {
  return `namespace="${namespace}",rollouts_pod_template_hash="{{args.${HASH_ARG}}}"${extra}`;
}

/** Share of 5xx responses of the new pods over the last two minutes (0 when they served nothing yet). */
export function errorRatioQuery(namespace: string): string {
  const window = "2m";
  return (
    `(sum(rate(http_requests_total{${selector(namespace, ',code=~"5.."')}}[${window}]))` +
    ` / sum(rate(http_requests_total{${selector(namespace)}}[${window}]))) or vector(0)`
  );
}

/** 95th-percentile latency of the new pods, in seconds (0 when they served nothing yet). */
export function p95LatencyQuery(namespace: string): string {
  return (
    `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${selector(namespace)}}[2m])))` +
    ` or vector(0)`
  );
}

/**
 * The AnalysisTemplate spec: both metrics measured every `intervalSeconds`; three failed
 * measurements fail the analysis, which aborts the rollout and returns all traffic to the stable
 * revision. A metric fails when its failed count exceeds `failureLimit` (argoproj/argo-rollouts
 * analysis/analysis.go, "failed (%d) > failureLimit (%d)"), so failing on the third takes 2.
 * `count` is unset: as background analysis of a canary it runs until the rollout completes.
 */
export function analysisTemplateSpec(namespace: string, t: AnalysisThresholds, count?: number) {
  const provider = (query: string) => ({ prometheus: { address: PROMETHEUS_ADDRESS, query } });
  const common = { interval: `${t.intervalSeconds}s`, failureLimit: 2, ...(count ? { count } : {}) };
  return {
    args: [{ name: HASH_ARG }],
    metrics: [
      {
        name: "error-ratio",
        ...common,
        successCondition: `result[0] <= ${t.maxErrorRatio}`,
        provider: provider(errorRatioQuery(namespace)),
      },
      {
        name: "p95-latency",
        ...common,
        successCondition: `result[0] <= ${t.maxP95LatencySeconds}`,
        provider: provider(p95LatencyQuery(namespace)),
      },
    ],
  };
}
