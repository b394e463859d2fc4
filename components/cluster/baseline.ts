import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Pod Security Admission levels (Kubernetes "Pod Security Standards"). */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/** Namespaces that enforce the `privileged` Pod Security level (why: at their creation below). */
export const PRIVILEGED_NAMESPACES: readonly string[] = ["monitoring"];

/** Resource budget of one application namespace. */
export interface NamespaceQuota {
  /** Sum of CPU requests, e.g. "4". */
  requestsCpu: string;
  /** Sum of memory requests, e.g. "8Gi". */
  requestsMemory: string;
  /** Sum of CPU limits. */
  limitsCpu: string;
  /** Sum of memory limits. */
  limitsMemory: string;
  /** Maximum number of pods. */
  pods: number;
}

export interface BaselineArgs {
  provider: k8s.Provider;
  kubernetesVersion: string;
  ebsKeyArn: pulumi.Input<string>;
  /** Keep persistent volumes when their claim is deleted (prod). */
  retainVolumes: boolean;
  /** Application namespaces (the flow table's workloads): restricted, default deny, quota, limits. */
  apps: string[];
  quota: NamespaceQuota;
  dependsOn: pulumi.Resource[];
}

/** Pod Security Admission labels; audit and warn are always `restricted` to surface drift early. */
export function podSecurityLabels(level: PodSecurityLevel, kubernetesVersion: string): Record<string, string> {
  const version = `v${kubernetesVersion}`;
  return {
    "pod-security.kubernetes.io/enforce": level,
    "pod-security.kubernetes.io/enforce-version": version,
    "pod-security.kubernetes.io/audit": "restricted",
    "pod-security.kubernetes.io/audit-version": version,
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/warn-version": version,
  };
}

/**
 * The in-cluster baseline: the default StorageClass, the platform namespaces with Pod Security
 * labels, and per application namespace a default-deny NetworkPolicy, a ResourceQuota and a
 * LimitRange. The paths each namespace may use are opened by the flow table (components/flows).
 * kube-system is left as EKS manages it.
 */
export function createBaseline(parent: pulumi.Resource, args: BaselineArgs) {
  const opts = { parent, provider: args.provider, dependsOn: args.dependsOn };

  // Encrypted gp3 with the cluster's volume key as the one default class. EKS creates `gp2` on
  // every cluster but, since Kubernetes 1.30, without the default annotation (EKS user guide
  // "Kubernetes 1.30" release notes), so no patch of gp2 is needed.
  const storageClass = new k8s.storage.v1.StorageClass(
    "gp3",
    {
      metadata: { name: "gp3-encrypted", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: args.ebsKeyArn, "csi.storage.k8s.io/fstype": "ext4" },
      reclaimPolicy: args.retainVolumes ? "Retain" : "Delete",
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
    },
    opts,
  );

  const namespaces: Record<string, k8s.core.v1.Namespace> = {};
  const namespace = (name: string, level: PodSecurityLevel) =>
    (namespaces[name] = new k8s.core.v1.Namespace(
      `ns-${name}`,
      { metadata: { name, labels: { ...podSecurityLabels(level, args.kubernetesVersion), "b2b.io/platform": "true" } } },
      opts,
    ));

  for (const name of args.apps) namespace(name, "restricted");
  // monitoring enforces `privileged`: node-exporter (kube-prometheus-stack) needs hostNetwork, hostPID
  // and hostPath mounts of /proc and /sys, and Fluent Bit reads the nodes' log files through hostPath
  // as root; `baseline` forbids host namespaces and hostPath as much as `restricted` does (Kubernetes
  // Pod Security Standards). Audit and warn stay `restricted`, so every pod there that would not pass
  // is still reported; the workloads themselves drop all capabilities (see components/observability).
  for (const name of PRIVILEGED_NAMESPACES) namespace(name, "privileged");
  // external-secrets' controller, webhook and cert controller all run as non-root without host access.
  namespace("external-secrets", "restricted");

  for (const name of args.apps) {
    const ns = namespaces[name];
    const nsOpts = { ...opts, dependsOn: [...args.dependsOn, ns] };
    const meta = (policy: string) => ({ name: policy, namespace: name });

    new k8s.networking.v1.NetworkPolicy(
      `${name}-default-deny`,
      { metadata: meta("default-deny"), spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
      nsOpts,
    );
    new k8s.core.v1.ResourceQuota(
      `${name}-quota`,
      {
        metadata: meta("quota"),
        spec: {
          hard: {
            "requests.cpu": args.quota.requestsCpu,
            "requests.memory": args.quota.requestsMemory,
            "limits.cpu": args.quota.limitsCpu,
            "limits.memory": args.quota.limitsMemory,
            pods: String(args.quota.pods),
            // Traffic enters through the shared ALB (Ingress), never a per-service load balancer.
            "services.loadbalancers": "0",
            "services.nodeports": "0",
          },
        },
      },
      nsOpts,
    );
    new k8s.core.v1.LimitRange(
      `${name}-limits`,
      {
        metadata: meta("limits"),
        spec: {
          limits: [
            {
              type: "Container",
              defaultRequest: { cpu: "100m", memory: "128Mi" },
              default: { cpu: "500m", memory: "512Mi" },
              max: { cpu: "2", memory: "4Gi" },
            },
          ],
        },
      },
      nsOpts,
    );
  }
  return { storageClass, namespaces };
}
