import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { analysisTemplateSpec } from "./analysis";
import { createRepository } from "./registry";
import { RolloutGate, specRevision } from "./rollout-gate";
import { hpaSpec, pdbSpec, scaledObjectSpec } from "./scaling";
import { Autoscaling, ContainerResources, Probes, RegistrySettings, RolloutStrategy, ServiceSecret } from "./types";
import { podTemplate, rolloutTimeoutSeconds, selectorLabels, serviceNames, strategySpec } from "./workload";

export * from "./types";

export interface ServiceArgs {
  naming: Naming;
  /** The service's name: its namespace, Services and repository are named after it. */
  name: string;
  /** The namespace (created by the cluster baseline, with its NetworkPolicies from the flow table). */
  namespace: pulumi.Input<string>;
  kubernetesProvider: k8s.Provider;
  /** The cluster's kubeconfig (JSON): the rollout gate reads the Rollout's status with it. */
  kubeconfig: pulumi.Input<string>;
  /** The image to run, by digest (`sha256:...`); unset: only the repository and Services exist (first deploy). */
  imageDigest?: string;
  /** Container port (HTTP, also serving `/metrics`). */
  port: number;
  replicas: { min: number; max: number };
  resources: ContainerResources;
  probes: Probes;
  autoscaling: Autoscaling;
  rollout: RolloutStrategy;
  /** Secrets read from Secrets Manager (each becomes an ExternalSecret; nothing else is synced). */
  secrets: ServiceSecret[];
  /** The ClusterSecretStore of external-secrets (Secrets Manager of this stack's region). */
  secretStoreName: string;
  /** KMS key of the service's secrets. */
  secretsKeyArn: pulumi.Input<string>;
  /**
   * The workload's service account, created with its IRSA role (if its flows need AWS) by the flow
   * table's component; the Rollout waits for `dependsOn`.
   */
  serviceAccountName: string;
  dependsOn: pulumi.Resource[];
  /**
   * The edge's Ingresses that route to this service (their ALB rules forward to the stable and
   * canary Services): a canary moves its weights through them (`trafficRouting.alb`). Unset: no
   * traffic from the edge (a canary then weights by replica count).
   */
  ingresses?: { names: string[]; resources: pulumi.Resource[] };
  /** Port Prometheus scrapes `/metrics` on (the flow table admits scrapes on it only). */
  metricsPort: number;
  /** OTLP gRPC endpoint of the collector (`host:port`). */
  otlpEndpoint: string;
  /** Zone spread is a hard constraint (environments that must survive an AZ loss). */
  highAvailability: boolean;
  registry: RegistrySettings;
}

/**
 * The golden path of one service: its ECR repository, Services, Rollout (canary or
 * blue-green with Prometheus analysis and automatic abort), autoscaler, PodDisruptionBudget,
 * ServiceMonitor and ExternalSecrets. What an application team instantiates per service.
 */
export class Service extends pulumi.ComponentResource {
  readonly repositoryUrl: pulumi.Output<string>;
  readonly repositoryArn: pulumi.Output<string>;
  /** In-cluster DNS name of the root Service (every ready pod of the service). */
  readonly dnsName: string;
  /** The root Service: the edge's Ingress rules name it (a canary's ALB action is named after it). */
  readonly targetServiceName: string;

  constructor(name: string, args: ServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:platform:Service", name, {}, opts);
    const svc = args.name;
    // Child names carry the component's: URNs do not include the parent's name.
    const n = (child: string) => `${name}-${child}`;
    const k8sOpts = { parent: this, provider: args.kubernetesProvider };
    const names = serviceNames(svc, args.rollout);
    const labels = selectorLabels(svc);
    const meta = (n: string, extra: Record<string, string> = {}) => ({
      name: n,
      namespace: args.namespace,
      labels: { ...labels, "app.kubernetes.io/managed-by": "pulumi", ...extra },
    });

    const repository = createRepository(this, name, args.naming, svc, args.registry);

    // The root Service selects every pod of the service (both revisions during a canary) and carries
    // the metrics label; the ALB forwards to the stable and canary Services (weighted by the
    // Ingress action Argo Rollouts rewrites); blue-green's active Service is the root one.
    const metricsLabel = { "b2b.io/metrics": svc };
    const service = (key: string, serviceName: string, scraped: boolean) =>
      new k8s.core.v1.Service(
        n(key),
        {
          metadata: meta(serviceName, scraped ? metricsLabel : {}),
          spec: {
            selector: labels,
            ports: [
              { name: "http", port: args.port, targetPort: "http", protocol: "TCP" },
              { name: "metrics", port: args.metricsPort, targetPort: "metrics", protocol: "TCP" },
            ],
          },
        },
        k8sOpts,
      );
    service("service", names.root, true);
    if (names.kind === "canary") {
      service("service-stable", names.stable, false);
      service("service-canary", names.canary, false);
    } else {
      service("service-preview", names.preview, true);
    }

    const protect = args.registry.protect;
    for (const secret of args.secrets) {
      // Under `<project>/<stack>/`, the only prefix external-secrets' role may read.
      const secretsManagerName = `${args.naming.project}/${args.naming.stack}/${svc}/${secret.name}`;
      new aws.secretsmanager.Secret(
        n(`secret-${secret.name}-value`),
        {
          name: secretsManagerName,
          description: `${svc}: ${secret.description}`,
          kmsKeyId: args.secretsKeyArn,
          recoveryWindowInDays: protect ? 30 : 7,
          // Credentials of third parties: confidential (the platform's classification scheme).
          tags: { DataClassification: "confidential" },
        },
        { parent: this, protect },
      );
      new k8s.apiextensions.CustomResource(
        n(`secret-${secret.name}`),
        {
          apiVersion: "external-secrets.io/v1",
          kind: "ExternalSecret",
          metadata: meta(secret.name),
          spec: {
            refreshInterval: "1h",
            secretStoreRef: { kind: "ClusterSecretStore", name: args.secretStoreName },
            target: { name: secret.name, creationPolicy: "Owner", deletionPolicy: "Retain" },
            dataFrom: [{ extract: { key: secretsManagerName } }],
          },
        },
        k8sOpts,
      );
    }

    new k8s.apiextensions.CustomResource(
      n("service-monitor"),
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: meta(svc),
        spec: {
          selector: { matchLabels: metricsLabel },
          // The revision's hash on every series, for the rollout analysis.
          podTargetLabels: ["rollouts-pod-template-hash"],
          endpoints: [{ port: "metrics", path: "/metrics", interval: "30s" }],
        },
      },
      k8sOpts,
    );

    const templateName = `${svc}-slo`;
    const analysis = args.rollout.analysis;
    if (analysis) {
      const count =
        args.rollout.kind === "blueGreen"
          ? Math.max(1, Math.floor(args.rollout.prePromotionSeconds / analysis.intervalSeconds))
          : undefined;
      new k8s.apiextensions.CustomResource(
        n("analysis-template"),
        {
          apiVersion: "argoproj.io/v1alpha1",
          kind: "AnalysisTemplate",
          metadata: meta(templateName),
          spec: analysisTemplateSpec(svc, analysis, count),
        },
        k8sOpts,
      );
    }

    new k8s.policy.v1.PodDisruptionBudget(n("pdb"), { metadata: meta(svc), spec: pdbSpec(labels, args.replicas.min) }, k8sOpts);

    if (args.imageDigest) {
      const image = pulumi.interpolate`${repository.repositoryUrl}@${args.imageDigest}`;
      // No `pulumi.com/waitFor` on the Rollout: the gate below waits, and fails as soon as Argo
      // Rollouts aborts (a waitFor condition could only time out).
      const spec = {
        // The autoscaler owns the replica count from here on.
        replicas: args.replicas.min,
        revisionHistoryLimit: 3,
        selector: { matchLabels: labels },
        template: pulumi.output(image).apply((img) =>
          podTemplate({
            service: svc,
            image: img,
            port: args.port,
            metricsPort: args.metricsPort,
            serviceAccountName: args.serviceAccountName,
            resources: args.resources,
            probes: args.probes,
            secretNames: args.secrets.map((s) => s.name),
            otlpEndpoint: args.otlpEndpoint,
            strictZoneSpread: args.highAvailability,
          }),
        ),
        strategy: strategySpec(
          svc,
          args.rollout,
          analysis ? templateName : undefined,
          args.ingresses && { ingresses: args.ingresses.names, servicePort: args.port },
        ),
      };
      const rollout = new k8s.apiextensions.CustomResource(
        n("rollout"),
        { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: meta(svc), spec },
        // Argo Rollouts marks a Rollout whose Ingress does not exist InvalidSpec (Degraded), which
        // the gate would report as a failed rollout.
        { ...k8sOpts, dependsOn: [...args.dependsOn, ...(args.ingresses?.resources ?? [])] },
      );
      // `pulumi up` ends when the new revision is fully promoted, and fails with the analysis
      // result as soon as the rollout aborts.
      new RolloutGate(
        n("rollout-gate"),
        {
          kubeconfig: args.kubeconfig,
          namespace: args.namespace,
          name: svc,
          revision: pulumi.output(spec).apply(specRevision),
          timeoutSeconds: rolloutTimeoutSeconds(args.rollout, args.probes.startupSeconds),
        },
        { parent: this, dependsOn: [rollout] },
      );
      const { min, max } = args.replicas;
      const a = args.autoscaling;
      const autoscalerOpts = { ...k8sOpts, dependsOn: [rollout] };
      if (a.kind === "cpu") {
        new k8s.autoscaling.v2.HorizontalPodAutoscaler(
          n("autoscaler"),
          { metadata: meta(svc), spec: hpaSpec(svc, min, max, a.targetUtilizationPercent) },
          autoscalerOpts,
        );
      } else {
        new k8s.apiextensions.CustomResource(
          n("autoscaler"),
          {
            apiVersion: "keda.sh/v1alpha1",
            kind: "ScaledObject",
            metadata: meta(svc),
            spec: scaledObjectSpec(svc, min, max, a.query, a.threshold),
          },
          autoscalerOpts,
        );
      }
    }

    this.repositoryUrl = repository.repositoryUrl;
    this.repositoryArn = repository.arn;
    this.targetServiceName = names.root;
    this.dnsName = `${names.root}.${svc}.svc.cluster.local`;
    this.registerOutputs({ repositoryUrl: this.repositoryUrl, dnsName: this.dnsName });
  }
}
