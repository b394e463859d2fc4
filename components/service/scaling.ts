import { PROMETHEUS_ADDRESS } from "./analysis";

const ROLLOUT_REF = (name: string) => ({ apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name });

/**
 * HorizontalPodAutoscaler on CPU: scale-up at once, scale-down only after five stable minutes
 * (the HPA default window), at most half the pods per minute, so a short lull does not drop the
 * capacity a B2B order burst needs a minute later.
 */
export function hpaSpec(service: string, min: number, max: number, cpuPercent: number) {
  return {
    scaleTargetRef: ROLLOUT_REF(service),
    minReplicas: min,
    maxReplicas: max,
    metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: cpuPercent } } }],
    behavior: {
      scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }] },
      scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: "Percent", value: 100, periodSeconds: 30 }] },
    },
  };
}

/** KEDA ScaledObject on a Prometheus query (queue depth): replicas = ceil(value / threshold), within bounds. */
export function scaledObjectSpec(service: string, min: number, max: number, query: string, threshold: number) {
  return {
    scaleTargetRef: ROLLOUT_REF(service),
    minReplicaCount: min,
    maxReplicaCount: max,
    cooldownPeriod: 300,
    pollingInterval: 30,
    triggers: [{ type: "prometheus", metadata: { serverAddress: PROMETHEUS_ADDRESS, query, threshold: String(threshold) } }],
  };
}

/**
 * At most one pod of the service is voluntarily evicted at a time (node drains, upgrades,
 * consolidation); with a single replica (dev) eviction is allowed, or a drain would block forever.
 */
export function pdbSpec(selector: Record<string, string>, minReplicas: number) {
  return minReplicas > 1
    ? { maxUnavailable: 1, selector: { matchLabels: selector } }
    : { maxUnavailable: "100%", selector: { matchLabels: selector } };
}
