import { CONTAINER_SECURITY_CONTEXT } from "../cluster/charts";
import { NODE_POOL_LABEL } from "../cluster/node-groups";
import { ContainerResources, Probes, RolloutStrategy } from "./types";

/**
 * The numeric user of distroless `nonroot` images (and of templates/node-service/Dockerfile):
 * `runAsNonRoot` can only be verified by the kubelet for a numeric user (Kubernetes docs, Pod
 * Security Standards "Running as Non-root user").
 */
export const RUN_AS_USER = 65532;

/** Seconds a terminating pod keeps serving while the ALB deregisters it (the target group's deregistration delay is shorter). */
export const PRE_STOP_SLEEP_SECONDS = 15;

export interface PodTemplateArgs {
  service: string;
  image: string;
  port: number;
  metricsPort: number;
  serviceAccountName: string;
  resources: ContainerResources;
  probes: Probes;
  /** Kubernetes Secrets (synced by external-secrets) exposed as environment variables. */
  secretNames: string[];
  /** OTLP gRPC endpoint of the collector, for traces. */
  otlpEndpoint: string;
  /** Spread must hold (DoNotSchedule) rather than be attempted (ScheduleAnyway): HA environments. */
  strictZoneSpread: boolean;
}

export const selectorLabels = (service: string) => ({ "app.kubernetes.io/name": service });

/**
 * The pod: restricted Pod Security Standard in full (numeric non-root user, read-only root
 * filesystem, no privilege escalation, every capability dropped, RuntimeDefault seccomp), on the
 * apps node pool, spread across zones and nodes, with probes, requests and a memory limit.
 */
export function podTemplate(a: PodTemplateArgs) {
  const labels = { ...selectorLabels(a.service), "app.kubernetes.io/part-of": "b2b-commerce" };
  const spread = (topologyKey: string, whenUnsatisfiable: string) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable,
    labelSelector: { matchLabels: selectorLabels(a.service) },
    // Each revision spreads on its own, so a canary's few pods do not pile into one zone.
    matchLabelKeys: ["rollouts-pod-template-hash"],
  });
  const httpGet = (path: string) => ({ httpGet: { path, port: "http" } });
  return {
    metadata: { labels },
    spec: {
      serviceAccountName: a.serviceAccountName,
      // The pod needs no Kubernetes API token: the EKS pod identity webhook projects the IRSA token itself.
      automountServiceAccountToken: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: RUN_AS_USER,
        runAsGroup: RUN_AS_USER,
        fsGroup: RUN_AS_USER,
        seccompProfile: { type: "RuntimeDefault" },
      },
      nodeSelector: { [NODE_POOL_LABEL]: "apps" },
      topologySpreadConstraints: [
        spread("topology.kubernetes.io/zone", a.strictZoneSpread ? "DoNotSchedule" : "ScheduleAnyway"),
        spread("kubernetes.io/hostname", "ScheduleAnyway"),
      ],
      terminationGracePeriodSeconds: PRE_STOP_SLEEP_SECONDS + 30,
      containers: [
        {
          name: a.service,
          image: a.image,
          ports: [
            { name: "http", containerPort: a.port, protocol: "TCP" },
            { name: "metrics", containerPort: a.metricsPort, protocol: "TCP" },
          ],
          env: [
            { name: "PORT", value: String(a.port) },
            { name: "OTEL_EXPORTER_OTLP_ENDPOINT", value: `http://${a.otlpEndpoint}` },
            { name: "OTEL_SERVICE_NAME", value: a.service },
          ],
          envFrom: a.secretNames.map((name) => ({ secretRef: { name } })),
          resources: a.resources,
          startupProbe: {
            ...httpGet(a.probes.livenessPath),
            periodSeconds: 5,
            failureThreshold: Math.ceil(a.probes.startupSeconds / 5),
          },
          readinessProbe: { ...httpGet(a.probes.readinessPath), periodSeconds: 5, failureThreshold: 2 },
          livenessProbe: { ...httpGet(a.probes.livenessPath), periodSeconds: 10, failureThreshold: 3 },
          // Keep serving while the load balancer deregisters the pod (no shell needed: sleep action, Kubernetes 1.30+).
          lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SLEEP_SECONDS } } },
          securityContext: { ...CONTAINER_SECURITY_CONTEXT, runAsUser: RUN_AS_USER, runAsGroup: RUN_AS_USER },
          volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
        },
      ],
      // The only writable path: the root filesystem is read-only.
      volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
    },
  };
}

/** Names of the Services a strategy needs (Argo Rollouts points each at one revision's pods). */
export type ServiceNames =
  { kind: "canary"; root: string; stable: string; canary: string } | { kind: "blueGreen"; root: string; preview: string };

export function serviceNames(service: string, strategy: RolloutStrategy): ServiceNames {
  return strategy.kind === "canary"
    ? { kind: "canary", root: service, stable: `${service}-stable`, canary: `${service}-canary` }
    : { kind: "blueGreen", root: service, preview: `${service}-preview` };
}

/** The ALB Ingresses a canary weights its traffic through, and the Services' port. */
export interface AlbRouting {
  ingresses: string[];
  servicePort: number;
}

/**
 * The Rollout's strategy. Canary: with `alb`, each step's weight is written into the Ingresses'
 * `actions.<root Service>` annotation (forward to the canary and stable Services' target groups;
 * Argo Rollouts docs, "AWS Load Balancer Controller"), independent of replica counts; without it,
 * weights by replica count. A background analysis from the first step aborts, which sets the
 * canary's weight back to 0 (all traffic to stable) and scales the canary down. Blue-green: the
 * preview revision is analysed before the active (root) Service switches.
 */
export function strategySpec(service: string, strategy: RolloutStrategy, templateName?: string, alb?: AlbRouting) {
  const names = serviceNames(service, strategy);
  const hashArg = (value: "Latest") => [{ name: "hash", valueFrom: { podTemplateHashValue: value } }];
  if (strategy.kind === "canary" && names.kind === "canary") {
    const steps = strategy.steps.flatMap((w) => [{ setWeight: w }, { pause: { duration: `${strategy.pauseSeconds}s` } }]);
    return {
      canary: {
        stableService: names.stable,
        canaryService: names.canary,
        maxSurge: "25%",
        maxUnavailable: 0,
        ...(alb
          ? { trafficRouting: { alb: { ingresses: alb.ingresses, servicePort: alb.servicePort, rootService: names.root } } }
          : {}),
        ...(templateName ? { analysis: { templates: [{ templateName }], startingStep: 1, args: hashArg("Latest") } } : {}),
        steps,
      },
    };
  }
  if (strategy.kind !== "blueGreen" || names.kind !== "blueGreen") throw new Error("unreachable");
  return {
    blueGreen: {
      activeService: names.root,
      previewService: names.preview,
      autoPromotionEnabled: true,
      ...(templateName ? { prePromotionAnalysis: { templates: [{ templateName }], args: hashArg("Latest") } } : {}),
      // The old revision stays up this long after the switch, so an abort is instant.
      scaleDownDelaySeconds: 300,
    },
  };
}

/** Upper bound of a healthy rollout's duration: every pause, plus time for pods to start. */
export function rolloutTimeoutSeconds(strategy: RolloutStrategy, startupSeconds: number): number {
  const pauses = strategy.kind === "canary" ? strategy.steps.length * strategy.pauseSeconds : strategy.prePromotionSeconds;
  return pauses + 4 * startupSeconds + 300;
}
