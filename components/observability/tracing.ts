import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { irsaRole } from "./iam";
import { OPENTELEMETRY_COLLECTOR, OTEL_COLLECTOR_IMAGE } from "./versions";

export const OTEL_SERVICE_ACCOUNT = "otel-collector";

/** The X-Ray write actions the collector's role gets, and nothing else. */
export const XRAY_WRITE_ACTIONS = [
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
];

export interface TracingArgs {
  naming: Naming;
  region: string;
  samplingPercent: number;
  namespace: pulumi.Input<string>;
  namespaceName: string;
  oidcProviderArn: pulumi.Input<string>;
  oidcIssuer: pulumi.Input<string>;
  provider: k8s.Provider;
}

/**
 * The complete collector configuration (the chart's `alternateConfig`, not merged with its
 * defaults, so no Jaeger/Zipkin receiver or debug exporter is left in): OTLP in, probabilistic
 * sampling per environment, X-Ray out.
 */
export function collectorConfig(region: string, samplingPercent: number) {
  return {
    extensions: { health_check: { endpoint: "${env:MY_POD_IP}:13133" } },
    receivers: {
      otlp: { protocols: { grpc: { endpoint: "${env:MY_POD_IP}:4317" }, http: { endpoint: "${env:MY_POD_IP}:4318" } } },
    },
    processors: {
      memory_limiter: { check_interval: "5s", limit_percentage: 80, spike_limit_percentage: 25 },
      probabilistic_sampler: { sampling_percentage: samplingPercent },
      batch: {},
    },
    exporters: { awsxray: { region, indexed_attributes: ["service.name", "http.route"] } },
    service: {
      extensions: ["health_check"],
      pipelines: {
        traces: { receivers: ["otlp"], processors: ["memory_limiter", "probabilistic_sampler", "batch"], exporters: ["awsxray"] },
      },
      telemetry: { metrics: { readers: [{ pull: { exporter: { prometheus: { host: "${env:MY_POD_IP}", port: 8888 } } } }] } },
    },
  };
}

/** The OpenTelemetry collector (Deployment) receiving OTLP and exporting to X-Ray. */
export function createTracing(parent: pulumi.Resource, args: TracingArgs) {
  const role = irsaRole(parent, {
    naming: args.naming,
    name: "otel-collector",
    oidcProviderArn: args.oidcProviderArn,
    oidcIssuer: args.oidcIssuer,
    namespace: args.namespaceName,
    serviceAccount: OTEL_SERVICE_ACCOUNT,
    statements: [
      {
        // X-Ray supports no resource-level permissions for these actions (Service Authorization
        // Reference, AWS X-Ray): "*" is the only possible resource. Write-only: no trace reads.
        Sid: "WriteTracesOnly",
        Effect: "Allow",
        Action: XRAY_WRITE_ACTIONS,
        Resource: "*",
      },
    ],
  });
  const release = new k8s.helm.v3.Release(
    "otel-collector",
    {
      name: "otel-collector",
      namespace: args.namespace,
      chart: OPENTELEMETRY_COLLECTOR.chart,
      version: OPENTELEMETRY_COLLECTOR.version,
      repositoryOpts: { repo: OPENTELEMETRY_COLLECTOR.repo },
      values: otelValues(args, role.arn),
      atomic: true,
    },
    { parent, provider: args.provider },
  );
  return { role, release };
}

export function otelValues(args: { region: string; samplingPercent: number }, roleArn: pulumi.Input<string>) {
  return {
    mode: "deployment",
    // Service name `otel-collector` (the OTLP endpoint in docs/observability.md).
    fullnameOverride: "otel-collector",
    replicaCount: 2,
    image: { repository: OTEL_COLLECTOR_IMAGE.repository, tag: OTEL_COLLECTOR_IMAGE.tag },
    command: { name: OTEL_COLLECTOR_IMAGE.command },
    serviceAccount: { create: true, name: OTEL_SERVICE_ACCOUNT, annotations: { "eks.amazonaws.com/role-arn": roleArn } },
    alternateConfig: collectorConfig(args.region, args.samplingPercent),
    ports: {
      "jaeger-compact": { enabled: false },
      "jaeger-thrift": { enabled: false },
      "jaeger-grpc": { enabled: false },
      zipkin: { enabled: false },
    },
    podSecurityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
  };
}
