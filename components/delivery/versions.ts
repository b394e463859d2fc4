import { ChartVersion } from "../cluster/versions";

/**
 * The golden path's controllers, each read from the chart's own repository (checked 2026-12):
 * - argo-rollouts 2.41.0 (app v1.9.0): argoproj/argo-helm charts/argo-rollouts/Chart.yaml;
 * - kyverno 3.9.0 (app v1.19.0): kyverno/kyverno tag kyverno-chart-3.9.0, charts/kyverno/Chart.yaml;
 * - keda 2.20.2 (app 2.20.2): kedacore/charts keda/Chart.yaml.
 */
export const DELIVERY_CHARTS = {
  argoRollouts: { chart: "argo-rollouts", repo: "https://argoproj.github.io/argo-helm", version: "2.41.0" },
  kyverno: { chart: "kyverno", repo: "https://kyverno.github.io/kyverno/", version: "3.9.0" },
  keda: { chart: "keda", repo: "https://kedacore.github.io/charts", version: "2.20.2" },
} satisfies Record<string, ChartVersion>;
