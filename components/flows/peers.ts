/**
 * The platform pods the workloads' flows lead to, by namespace and pod labels. The labels are the
 * ones the charts put on their pods; a NetworkPolicy that selects anything else selects nothing.
 */
export interface PodPeer {
  namespace: string;
  labels: Record<string, string>;
  /** TCP/UDP ports the peer's pods listen on. */
  ports: { protocol: "TCP" | "UDP"; port: number }[];
}

/** CoreDNS as the EKS add-on deploys it (label `k8s-app: kube-dns`, like upstream kube-dns). */
export const KUBE_DNS: PodPeer = {
  namespace: "kube-system",
  labels: { "k8s-app": "kube-dns" },
  ports: [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
  ],
};

/**
 * The OpenTelemetry collector (components/observability/tracing.ts): the chart's selector labels are
 * its name (`opentelemetry-collector`, no nameOverride) and the release name (`otel-collector`).
 */
export const OTEL_COLLECTOR: PodPeer = {
  namespace: "monitoring",
  labels: { "app.kubernetes.io/name": "opentelemetry-collector", "app.kubernetes.io/instance": "otel-collector" },
  ports: [
    { protocol: "TCP", port: 4317 },
    { protocol: "TCP", port: 4318 },
  ],
};

/** Prometheus pods as prometheus-operator labels them (`app.kubernetes.io/name: prometheus`). */
export const PROMETHEUS: PodPeer = {
  namespace: "monitoring",
  labels: { "app.kubernetes.io/name": "prometheus" },
  ports: [],
};

/** The label every namespace carries with its own name (Kubernetes sets it; NetworkPolicies select on it). */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
