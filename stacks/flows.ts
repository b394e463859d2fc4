/**
 * The flow table: for each workload (one namespace, one service account and one database user of
 * the same name), every path it talks to and every path that talks to it. It is the one source of
 * the workloads' NetworkPolicies, the security-group rules to the proxy, database, cache and VPC
 * endpoints, and the workloads' IAM roles; the plan's reachability check proves each entry open at
 * every layer (docs/cluster.md "Flow table"). Anything not listed here is closed.
 *
 * Each environment profile names its table (`flows.table` in stacks/<env>.ts); `infra/flows.ts`
 * validates it against the stack's facts (service ports, external destinations, whether it has a
 * cache) before any resource exists.
 */

/** AWS APIs a workload may call (each maps to its endpoint service, IAM actions and resources: infra/flows.ts). */
export const AWS_APIS = ["sts", "secretsmanager", "s3", "sqs", "kms", "logs", "xray"] as const;
export type AwsApi = (typeof AWS_APIS)[number];

/** Where a workload's pods may connect to. */
export type EgressFlow =
  /** kube-dns in kube-system, UDP and TCP 53 (every workload needs it to resolve anything). */
  | { kind: "dns" }
  /** The OpenTelemetry collector in `monitoring`, OTLP gRPC 4317 and HTTP 4318. */
  | { kind: "otel" }
  /** Another workload of the table, on its service port (`edge.servicePorts`); it is admitted there. */
  | { kind: "workload"; workload: string }
  /** PostgreSQL as the database user named like the workload, with an IAM token, through the proxy (none in dev: the instance). */
  | { kind: "database" }
  /** The stack's cache (only where the stack has one), on the cache's port, as the cache user named like the workload, with an IAM token. */
  | { kind: "cache" }
  /** An AWS API: through its interface endpoint where the stack has endpoints, else through the NAT; IAM scoped to this workload. */
  | { kind: "aws"; service: AwsApi }
  /** A named destination outside AWS (config `externalDestinations`: host, CIDRs, port), through the NAT. */
  | { kind: "external"; destination: string };

/** Who may connect to a workload's pods. */
export type IngressFlow =
  /** The shared ALB (IP targets), on the workload's service port (`edge.servicePorts`). */
  | { kind: "load-balancer" }
  /** Prometheus in `monitoring`, scraping metrics on `port`. */
  | { kind: "prometheus"; port: number };

export interface WorkloadFlows {
  egress: EgressFlow[];
  ingress: IngressFlow[];
}

/** Workload name (lower-case DNS label: namespace, service account and database user) to its flows. */
export type FlowTable = Record<string, WorkloadFlows>;

/** Port every workload serves Prometheus metrics on. */
export const METRICS_PORT = 9090;

const dns: EgressFlow = { kind: "dns" };
const otel: EgressFlow = { kind: "otel" };
const sts: EgressFlow = { kind: "aws", service: "sts" };
const secrets: EgressFlow = { kind: "aws", service: "secretsmanager" };
const scrape: IngressFlow = { kind: "prometheus", port: METRICS_PORT };

/**
 * The platform's three workloads. The storefront renders pages from the API and keeps sessions and
 * carts in the cache; the API owns the orders database, caches catalogue reads and calls the
 * payment provider; the workers process orders in the background and synchronise them with the
 * ERP (they need no cache: docs/caching.md). STS is listed wherever IAM is needed: IRSA exchanges
 * the pod's token for credentials there, and signing an RDS or ElastiCache IAM token needs them.
 */
export const COMMERCE_FLOWS: FlowTable = {
  storefront: {
    ingress: [{ kind: "load-balancer" }, scrape],
    egress: [dns, otel, sts, { kind: "workload", workload: "api" }, { kind: "cache" }],
  },
  api: {
    ingress: [{ kind: "load-balancer" }, scrape],
    egress: [dns, otel, sts, secrets, { kind: "database" }, { kind: "cache" }, { kind: "external", destination: "payments" }],
  },
  workers: {
    ingress: [scrape],
    egress: [dns, otel, sts, secrets, { kind: "database" }, { kind: "external", destination: "erp" }],
  },
};
