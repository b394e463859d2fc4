import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Naming } from "../../lib/naming";
import { irsaRole } from "./iam";

/** Grafana's Kubernetes service account (the IRSA role is bound to exactly this one). */
export const GRAFANA_SERVICE_ACCOUNT = "grafana";
/** The Secret with the admin credentials (`grafana.admin.existingSecret`). */
export const GRAFANA_ADMIN_SECRET = "grafana-admin";

export const DASHBOARD_DIR = path.join(__dirname, "dashboards");

/** The dashboard files (`dashboards/*.json`), by file name without extension. */
export function dashboardFiles(dir: string = DASHBOARD_DIR): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    out[file.replace(/\.json$/, "")] = fs.readFileSync(path.join(dir, file), "utf8");
  }
  return out;
}

export interface GrafanaArgs {
  naming: Naming;
  namespace: pulumi.Input<string>;
  /** Plain namespace name (IRSA `sub` needs it before deployment). */
  namespaceName: string;
  oidcProviderArn: pulumi.Input<string>;
  oidcIssuer: pulumi.Input<string>;
  provider: k8s.Provider;
}

/**
 * Grafana's parts outside the chart: the generated admin password in a Kubernetes Secret, the
 * read-only CloudWatch role of its service account, and the dashboards as ConfigMaps that the
 * chart's sidecar loads (label `grafana_dashboard: "1"`).
 */
export function createGrafanaResources(parent: pulumi.Resource, args: GrafanaArgs) {
  const k8sOpts = { parent, provider: args.provider };
  const password = new random.RandomPassword("grafana-admin-password", { length: 32, special: false }, { parent });
  const adminSecret = new k8s.core.v1.Secret(
    "grafana-admin",
    {
      metadata: { name: GRAFANA_ADMIN_SECRET, namespace: args.namespace },
      type: "Opaque",
      stringData: { "admin-user": "admin", "admin-password": pulumi.secret(password.result) },
    },
    k8sOpts,
  );

  const region = callerRegion(parent);
  const role = irsaRole(parent, {
    naming: args.naming,
    name: "grafana",
    oidcProviderArn: args.oidcProviderArn,
    oidcIssuer: args.oidcIssuer,
    namespace: args.namespaceName,
    serviceAccount: GRAFANA_SERVICE_ACCOUNT,
    statements: [
      {
        // Read-only. These actions support no resource-level scoping (Service Authorization
        // Reference: CloudWatch metric reads, EC2 Describe*, tag:GetResources, and the Logs
        // Insights query handles GetQueryResults/StopQuery have no resource type), hence "*".
        Sid: "ReadMetricsAndAlarms",
        Effect: "Allow",
        Action: [
          "cloudwatch:GetMetricData",
          "cloudwatch:GetMetricStatistics",
          "cloudwatch:ListMetrics",
          "cloudwatch:DescribeAlarms",
          "cloudwatch:DescribeAlarmsForMetric",
          "cloudwatch:DescribeAlarmHistory",
          "cloudwatch:GetInsightRuleReport",
          "ec2:DescribeTags",
          "ec2:DescribeInstances",
          "ec2:DescribeRegions",
          "tag:GetResources",
          "logs:DescribeLogGroups",
          "logs:GetQueryResults",
          "logs:StopQuery",
        ],
        Resource: "*",
      },
      {
        Sid: "QueryLogGroupsOfThisRegion",
        Effect: "Allow",
        Action: ["logs:StartQuery", "logs:GetLogGroupFields", "logs:GetLogEvents"],
        Resource: region.apply((r) => `arn:aws:logs:${r.region}:${r.accountId}:log-group:*`),
      },
    ],
  });

  const dashboards = Object.entries(dashboardFiles()).map(
    ([name, json]) =>
      new k8s.core.v1.ConfigMap(
        `dashboard-${name}`,
        {
          metadata: {
            name: `dashboard-${name}`,
            namespace: args.namespace,
            labels: { grafana_dashboard: "1", "app.kubernetes.io/part-of": "observability" },
            // The sidecar puts dashboards with this annotation into the named folder.
            annotations: { grafana_folder: "Platform" },
          },
          data: { [`${name}.json`]: json },
        },
        k8sOpts,
      ),
  );
  return { password, adminSecret, role, dashboards };
}

/** Region and account of the caller, for ARNs built before deployment. */
function callerRegion(parent: pulumi.Resource) {
  const opts = { parent };
  return pulumi
    .all([aws.getRegionOutput({}, opts), aws.getCallerIdentityOutput({}, opts)])
    .apply(([r, id]) => ({ region: r.region, accountId: id.accountId }));
}

export interface GrafanaValuesArgs {
  region: string;
  volumeGiB: number;
  storageClassName: pulumi.Input<string>;
  roleArn: pulumi.Input<string>;
}

/** The `grafana` section of the kube-prometheus-stack values. No credential appears in it. */
export function grafanaValues(a: GrafanaValuesArgs) {
  return {
    enabled: true,
    // Stable object names: Deployment and Service `grafana` (docs: port-forward).
    fullnameOverride: "grafana",
    admin: { existingSecret: GRAFANA_ADMIN_SECRET, userKey: "admin-user", passwordKey: "admin-password" },
    // Not exposed: ClusterIP only, no Ingress; operators use `kubectl port-forward` (docs/observability.md).
    service: { type: "ClusterIP" },
    ingress: { enabled: false },
    persistence: {
      enabled: true,
      type: "pvc",
      storageClassName: a.storageClassName,
      accessModes: ["ReadWriteOnce"],
      size: `${a.volumeGiB}Gi`,
    },
    // One ReadWriteOnce volume: the old pod must release it before the new one starts.
    deploymentStrategy: { type: "Recreate" },
    // Read-only root filesystem: scratch space on an emptyDir.
    extraEmptyDirMounts: [{ name: "tmp", mountPath: "/tmp" }],
    // The volume is owned through fsGroup; the root init container that chowns it is not needed.
    initChownData: { enabled: false },
    serviceAccount: { create: true, name: GRAFANA_SERVICE_ACCOUNT, annotations: { "eks.amazonaws.com/role-arn": a.roleArn } },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 472,
      runAsGroup: 472,
      fsGroup: 472,
      seccompProfile: { type: "RuntimeDefault" },
    },
    containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    sidecar: {
      resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { cpu: "100m", memory: "128Mi" } },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
      dashboards: {
        enabled: true,
        label: "grafana_dashboard",
        labelValue: "1",
        searchNamespace: "ALL",
        folderAnnotation: "grafana_folder",
        provider: { foldersFromFilesStructure: true },
      },
      datasources: { enabled: true },
    },
    additionalDataSources: [
      {
        name: "CloudWatch",
        uid: "cloudwatch",
        type: "cloudwatch",
        access: "proxy",
        editable: false,
        // `default`: the AWS SDK credential chain, i.e. the IRSA web identity of the pod.
        jsonData: { authType: "default", defaultRegion: a.region },
      },
    ],
    "grafana.ini": {
      users: { allow_sign_up: false },
      auth: { disable_login_form: false },
      analytics: { reporting_enabled: false, check_for_updates: false },
    },
  };
}
