import * as pulumi from "@pulumi/pulumi";

/** CPU and memory of one container (Kubernetes quantities, e.g. "250m", "512Mi"). */
export interface ContainerResources {
  requests: { cpu: string; memory: string };
  /**
   * Limits: memory equal to the request (no overcommit of the incompressible resource); CPU at
   * least twice the request, so a Node.js event loop is not throttled while the node has spare
   * CPU (without an explicit value the namespace's LimitRange default would apply anyway).
   */
  limits: { memory: string; cpu: string };
}

/** HTTP probes on the container port. */
export interface Probes {
  /** Readiness: the pod receives traffic only while this answers 2xx. */
  readinessPath: string;
  /** Liveness: the kubelet restarts the container when this fails `failureThreshold` times. */
  livenessPath: string;
  /** Seconds the startup probe allows before liveness applies (slow first start, e.g. cache warm-up). */
  startupSeconds: number;
}

/** What the autoscaler follows. */
export type Autoscaling =
  /** HorizontalPodAutoscaler on average CPU utilisation of the requests, in percent. */
  | { kind: "cpu"; targetUtilizationPercent: number }
  /** KEDA ScaledObject on a Prometheus query (e.g. queue depth): one replica per `threshold`. */
  | { kind: "prometheus"; query: string; threshold: number };

/** The analysis that decides whether a canary (or a blue-green preview) is healthy. */
export interface AnalysisThresholds {
  /** Highest share of 5xx responses, 0-1 (the SLO's error budget burn the canary may show). */
  maxErrorRatio: number;
  /** Highest 95th-percentile latency in seconds. */
  maxP95LatencySeconds: number;
  /** Seconds between measurements; three failed measurements abort the rollout. */
  intervalSeconds: number;
}

export type RolloutStrategy =
  | {
      kind: "canary";
      /** Traffic weights in percent, ascending, each followed by a pause and the analysis (100 implied at the end). */
      steps: number[];
      /** Seconds to hold each step before the next. */
      pauseSeconds: number;
      /** The analysis run from the first step on; unset: steps and pauses only (services without HTTP traffic). */
      analysis?: AnalysisThresholds;
    }
  | {
      kind: "blueGreen";
      /** Seconds the preview stack runs its analysis before traffic switches. */
      prePromotionSeconds: number;
      analysis?: AnalysisThresholds;
    };

/**
 * One secret the service reads: the program creates the Secrets Manager secret (KMS, no value:
 * the owning team puts the value with `aws secretsmanager put-secret-value`), external-secrets
 * syncs it into a Kubernetes Secret of the same name in the service's namespace.
 */
export interface ServiceSecret {
  /** Kubernetes Secret name (lower-case DNS label), its keys exposed as environment variables. */
  name: string;
  /** What it holds, for the secret's description. */
  description: string;
}

/** The ECR repository's rules. */
export interface RegistrySettings {
  /** Key for image layers at rest. */
  kmsKeyArn: pulumi.Input<string>;
  /** Releases (semver-tagged images) kept; older ones expire. */
  keepReleases: number;
  /** Days before untagged images (superseded builds) expire. */
  untaggedExpiryDays: number;
  /** Principals that may pull: the node role (kubelet pulls) and the CI role. */
  pullPrincipalArns: pulumi.Input<string>[];
  /** Principals that may push: the CI role that builds and signs the images. */
  pushPrincipalArns: pulumi.Input<string>[];
  /** Registry-level enhanced scanning (Inspector) is on: basic scan-on-push would then be ignored. */
  enhancedScanning: boolean;
  /** Protect the repository (prod): deleting it deletes every image. */
  protect: boolean;
}
