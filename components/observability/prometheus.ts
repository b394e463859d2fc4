import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BACKUP_TIER_TAG } from "../../lib/backup-tier";
import { customerManagedKey, keyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { ALERTMANAGER_CONFIG_SECRET } from "./alertmanager";
import { grafanaValues } from "./grafana";
import { irsaRole } from "./iam";
import { CHART_RULES_REPLACED, prometheusRules } from "./rules";
import { KUBE_PROMETHEUS_STACK } from "./versions";

/** Alertmanager's service account (its IRSA role may publish to the alert topic only). */
export const ALERTMANAGER_SERVICE_ACCOUNT = "alertmanager";

const DROP_ALL = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } };
const NON_ROOT_POD = {
  runAsNonRoot: true,
  runAsUser: 65534,
  runAsGroup: 65534,
  fsGroup: 65534,
  seccompProfile: { type: "RuntimeDefault" },
};

export interface PrometheusValuesArgs {
  region: string;
  retentionDays: number;
  volumeGiB: number;
  replicas: number;
  grafanaVolumeGiB: number;
  storageClassName: pulumi.Input<string>;
  grafanaRoleArn: pulumi.Input<string>;
  alertmanagerRoleArn: pulumi.Input<string>;
  clusterName: pulumi.Input<string>;
  /** Links every alert rule to its runbook page. */
  runbooks: Runbooks;
}

/**
 * The kube-prometheus-stack values. Pure, so tests can read them; they contain no credential: the
 * Grafana password and the Alertmanager receivers live in Secrets that the values only name.
 */
export function kubePrometheusStackValues(a: PrometheusValuesArgs) {
  const ha = a.replicas > 1;
  return {
    fullnameOverride: "kps",
    // CRDs are installed by Helm on first install only; upgrades: `npm run crds:prometheus` (docs).
    crds: { enabled: true },
    defaultRules: {
      create: true,
      disabled: Object.fromEntries(Object.keys(CHART_RULES_REPLACED).map((name) => [name, true])),
    },
    additionalPrometheusRulesMap: prometheusRules(a.runbooks),
    prometheusOperator: {
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
      securityContext: NON_ROOT_POD,
      containerSecurityContext: DROP_ALL,
      prometheusConfigReloader: {
        resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
      },
      admissionWebhooks: {
        patch: {
          resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
          securityContext: NON_ROOT_POD,
        },
      },
    },
    prometheus: {
      prometheusSpec: {
        replicas: a.replicas,
        retention: `${a.retentionDays}d`,
        // Delete the oldest blocks before the volume fills (85% of it), whatever the retention says.
        retentionSize: `${Math.floor(a.volumeGiB * 0.85)}GB`,
        externalLabels: { cluster: a.clusterName },
        // Select every ServiceMonitor/PodMonitor/rule/probe/scrape config of the cluster, not only
        // those labelled with this release (the chart's default).
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
        storageSpec: {
          volumeClaimTemplate: {
            spec: {
              storageClassName: a.storageClassName,
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: `${a.volumeGiB}Gi` } },
            },
          },
        },
        resources: ha
          ? { requests: { cpu: "500m", memory: "4Gi" }, limits: { cpu: "2", memory: "8Gi" } }
          : { requests: { cpu: "250m", memory: "1Gi" }, limits: { cpu: "1", memory: "3Gi" } },
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 1000,
          runAsGroup: 2000,
          fsGroup: 2000,
          seccompProfile: { type: "RuntimeDefault" },
        },
        // Spread replicas over zones: one AZ down leaves one Prometheus scraping and alerting.
        podAntiAffinity: ha ? "hard" : "soft",
        podAntiAffinityTopologyKey: "topology.kubernetes.io/zone",
      },
    },
    alertmanager: {
      serviceAccount: {
        create: true,
        name: ALERTMANAGER_SERVICE_ACCOUNT,
        annotations: { "eks.amazonaws.com/role-arn": a.alertmanagerRoleArn },
      },
      alertmanagerSpec: {
        replicas: ha ? 2 : 1,
        // The configuration (receivers with their keys) comes from a Secret built outside Helm.
        useExistingSecret: true,
        configSecret: ALERTMANAGER_CONFIG_SECRET,
        resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 1000,
          runAsGroup: 2000,
          fsGroup: 2000,
          seccompProfile: { type: "RuntimeDefault" },
        },
        storage: {
          volumeClaimTemplate: {
            spec: {
              storageClassName: a.storageClassName,
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: "5Gi" } },
            },
          },
        },
        podAntiAffinity: ha ? "hard" : "soft",
        podAntiAffinityTopologyKey: "topology.kubernetes.io/zone",
      },
    },
    grafana: grafanaValues({
      region: a.region,
      volumeGiB: a.grafanaVolumeGiB,
      storageClassName: a.storageClassName,
      roleArn: a.grafanaRoleArn,
    }),
    "kube-state-metrics": {
      resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "200m", memory: "512Mi" } },
      securityContext: NON_ROOT_POD,
      containerSecurityContext: DROP_ALL,
    },
    // node-exporter reads the host's /proc and /sys and listens on the host network: the one
    // component here that needs host access (the monitoring namespace is labelled accordingly by
    // the cluster component; see docs/observability.md). It still runs as non-root, read-only.
    "prometheus-node-exporter": {
      resources: { requests: { cpu: "20m", memory: "32Mi" }, limits: { cpu: "200m", memory: "128Mi" } },
      securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534 },
      containerSecurityContext: DROP_ALL,
    },
  };
}

export interface PrometheusStackArgs extends Omit<PrometheusValuesArgs, "storageClassName" | "alertmanagerRoleArn"> {
  naming: Naming;
  namespace: pulumi.Input<string>;
  namespaceName: string;
  oidcProviderArn: pulumi.Input<string>;
  oidcIssuer: pulumi.Input<string>;
  alertTopicArn: pulumi.Input<string>;
  alertTopicKeyArn: pulumi.Input<string>;
  provider: k8s.Provider;
  protect: boolean;
  /** Resources the release must wait for (the Secrets it names). */
  dependsOn: pulumi.Resource[];
}

/**
 * The gp3 storage class of the monitoring volumes, encrypted with a customer-managed key, and the
 * kube-prometheus-stack release (Prometheus, Alertmanager, Grafana, the operator, node-exporter,
 * kube-state-metrics).
 */
export function createPrometheusStack(parent: pulumi.Resource, args: PrometheusStackArgs) {
  const identity = aws.getCallerIdentityOutput({}, { parent });
  const region = aws.getRegionOutput({}, { parent });
  // EBS uses the key on behalf of the account's principals (the EBS CSI driver's role): the
  // statement of the AWS-managed aws/ebs key, limited to this account and to EC2.
  const volumesKey = customerManagedKey(parent, "monitoring-volumes-key", {
    naming: args.naming,
    aliasStem: "monitoring-volumes",
    description: "monitoring volumes (Prometheus, Alertmanager, Grafana)",
    policy: keyPolicy(identity.accountId, identity.arn, [
      {
        Sid: "EbsOfThisAccount",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          StringEquals: {
            "kms:CallerAccount": identity.accountId,
            "kms:ViaService": pulumi.interpolate`ec2.${region.region}.amazonaws.com`,
          },
        },
      },
    ]),
    tags: { Name: args.naming.physical("monitoring-volumes"), DataClassification: "internal" },
    protect: args.protect,
  });
  const storageClass = new k8s.storage.v1.StorageClass(
    "monitoring-gp3",
    {
      metadata: { name: "monitoring-gp3" },
      provisioner: "ebs.csi.aws.com",
      // The EBS CSI driver tags each volume it creates (`tagSpecification_<n>` parameters): AWS
      // Backup selects the monitoring volumes by this tag (components/backup).
      parameters: {
        type: "gp3",
        encrypted: "true",
        kmsKeyId: volumesKey.arn,
        tagSpecification_1: `${BACKUP_TIER_TAG}=monitoring-volumes`,
      },
      // Prod keeps the volume when its claim is deleted (metrics survive a mistaken uninstall).
      reclaimPolicy: args.protect ? "Retain" : "Delete",
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
    },
    { parent, provider: args.provider },
  );

  const alertmanagerRole = irsaRole(parent, {
    naming: args.naming,
    name: "alertmanager",
    oidcProviderArn: args.oidcProviderArn,
    oidcIssuer: args.oidcIssuer,
    namespace: args.namespaceName,
    serviceAccount: ALERTMANAGER_SERVICE_ACCOUNT,
    statements: [
      { Sid: "PublishToTheAlertTopic", Effect: "Allow", Action: "sns:Publish", Resource: args.alertTopicArn },
      // The topic is KMS-encrypted: a publisher needs a data key from the topic's key.
      {
        Sid: "EncryptForTheAlertTopic",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
        Resource: args.alertTopicKeyArn,
      },
    ],
  });

  const values = kubePrometheusStackValues({
    ...args,
    storageClassName: storageClass.metadata.name,
    alertmanagerRoleArn: alertmanagerRole.arn,
  });
  const release = new k8s.helm.v3.Release(
    "kube-prometheus-stack",
    {
      name: "kube-prometheus-stack",
      namespace: args.namespace,
      chart: KUBE_PROMETHEUS_STACK.chart,
      version: KUBE_PROMETHEUS_STACK.version,
      repositoryOpts: { repo: KUBE_PROMETHEUS_STACK.repo },
      values,
      atomic: true,
      timeout: 900,
    },
    { parent, provider: args.provider, dependsOn: [storageClass, ...args.dependsOn] },
  );
  return { release, volumesKey, storageClass, alertmanagerRole };
}
