import type { AdmissionMode } from "../components/delivery/signatures";
import type { Autoscaling, ContainerResources, Probes, RolloutStrategy, ServiceSecret } from "../components/service/types";
import type { EnvironmentName } from "./profile";

/** The platform's services: `storefront` and `api` take traffic from the edge; `workers` none. */
export type ServiceName = "storefront" | "api" | "workers";
export const SERVICE_NAMES: readonly ServiceName[] = ["storefront", "api", "workers"];

/** The container port of services the edge does not reach (`edge.servicePorts` sets the others). */
export const INTERNAL_SERVICE_PORT = 8080;

export interface ServiceProfile {
  replicas: { min: number; max: number };
  resources: ContainerResources;
  probes: Probes;
  autoscaling: Autoscaling;
  rollout: RolloutStrategy;
  /** Secrets Manager secrets the service reads (nothing else is synced into its namespace). */
  secrets: ServiceSecret[];
}

/** The profile part of the `services` config section (infra/sections/services.ts). */
export interface ServicesProfile {
  admissionMode: AdmissionMode;
  keepReleases: number;
  workloads: Record<ServiceName, ServiceProfile>;
}

const probes: Probes = { readinessPath: "/readyz", livenessPath: "/healthz", startupSeconds: 60 };

/**
 * The analysis a canary must pass, from the API SLO (99.9 % non-5xx, 99 % under 500 ms: the
 * observability rules' DEFAULT_SLO): a canary may show at most ten times the error budget's rate
 * (1 %) and a p95 under the SLO's threshold (0.5 s); three failures abort.
 */
const sloAnalysis = { maxErrorRatio: 0.01, maxP95LatencySeconds: 0.5, intervalSeconds: 60 };

/** Queue depth per worker replica: one replica per 100 waiting order jobs (KEDA, Prometheus trigger). */
const queueScaling: Autoscaling = { kind: "prometheus", query: 'sum(b2b_queue_depth{queue="orders"})', threshold: 100 };

/** What each service reads from Secrets Manager; the database needs none (IAM authentication). */
const SECRETS: Record<ServiceName, ServiceSecret[]> = {
  storefront: [],
  api: [{ name: "payment-provider", description: "payment provider API key" }],
  workers: [{ name: "erp-credentials", description: "ERP integration client credentials" }],
};

const web = (
  min: number,
  max: number,
  cpu: string,
  cpuLimit: string,
  memory: string,
  rollout: RolloutStrategy,
): ServiceProfile => ({
  replicas: { min, max },
  resources: { requests: { cpu, memory }, limits: { cpu: cpuLimit, memory } },
  probes,
  autoscaling: { kind: "cpu", targetUtilizationPercent: 70 },
  rollout,
  secrets: [],
});
const worker = (min: number, max: number, rollout: RolloutStrategy): ServiceProfile => ({
  replicas: { min, max },
  resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  probes,
  autoscaling: queueScaling,
  rollout,
  secrets: SECRETS.workers,
});

const withSecrets = (p: ServiceProfile): ServiceProfile => ({ ...p, secrets: SECRETS.api });

/**
 * Per environment. Dev: one replica, a single fast canary step, signatures audited. Staging:
 * production's shape at a third of its size, enforced. Prod: 10/30/60 % steps of five minutes.
 */
export const SERVICES: Record<EnvironmentName, ServicesProfile> = {
  dev: {
    admissionMode: "Audit",
    keepReleases: 10,
    workloads: {
      storefront: web(1, 3, "100m", "500m", "256Mi", { kind: "canary", steps: [50], pauseSeconds: 60, analysis: sloAnalysis }),
      api: withSecrets(
        web(1, 3, "100m", "500m", "256Mi", { kind: "canary", steps: [50], pauseSeconds: 60, analysis: sloAnalysis }),
      ),
      workers: worker(1, 2, { kind: "canary", steps: [50], pauseSeconds: 60 }),
    },
  },
  staging: {
    admissionMode: "Enforce",
    keepReleases: 20,
    workloads: {
      storefront: web(2, 6, "250m", "500m", "512Mi", {
        kind: "canary",
        steps: [10, 50],
        pauseSeconds: 120,
        analysis: sloAnalysis,
      }),
      api: withSecrets(
        web(2, 6, "250m", "500m", "512Mi", { kind: "canary", steps: [10, 50], pauseSeconds: 120, analysis: sloAnalysis }),
      ),
      workers: worker(2, 6, { kind: "blueGreen", prePromotionSeconds: 120 }),
    },
  },
  prod: {
    admissionMode: "Enforce",
    keepReleases: 50,
    workloads: {
      storefront: web(3, 30, "500m", "1", "1Gi", {
        kind: "canary",
        steps: [10, 30, 60],
        pauseSeconds: 300,
        analysis: sloAnalysis,
      }),
      api: withSecrets(
        web(3, 30, "500m", "1", "1Gi", { kind: "canary", steps: [10, 30, 60], pauseSeconds: 300, analysis: sloAnalysis }),
      ),
      workers: worker(3, 20, { kind: "blueGreen", prePromotionSeconds: 300 }),
    },
  },
};
