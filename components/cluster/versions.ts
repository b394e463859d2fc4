/**
 * Every version this component installs, in one place, with where the fact came from. Re-check
 * each one (`aws eks describe-addon-versions --kubernetes-version <v>`, the charts' index.yaml)
 * before an upgrade; bump the Kubernetes version one minor at a time together with its add-ons.
 */

/** EKS managed add-on versions for one Kubernetes minor version. */
export interface AddonVersions {
  "vpc-cni": string;
  coredns: string;
  "kube-proxy": string;
  "aws-ebs-csi-driver": string;
}

/**
 * Kubernetes versions this component supports, each with the add-on versions built for it.
 *
 * 1.35: released on EKS 2026-01-28, end of standard support 2027-03-27 (endoflife.date/amazon-eks
 * and the EKS user guide "Understand the Kubernetes version lifecycle on EKS", checked 2026-11).
 * 1.34 leaves standard support on 2026-12-02, so it is not offered for new stacks.
 * - coredns v1.14.2-eksbuild.4 and kube-proxy v1.35.3-eksbuild.2: the "latest version" tables of
 *   the EKS user guide pages managing-coredns and managing-kube-proxy (row 1.35), checked 2026-11.
 * - vpc-cni v1.21.1-eksbuild.1 and aws-ebs-csi-driver v1.59.0-eksbuild.1: the 1.35 row of the
 *   add-on map in wandb/terraform-aws-wandb PR #380 (2026-05); the VPC CNI user guide recommends the
 *   latest CNI for every Kubernetes version. Confirm with describe-addon-versions before applying.
 */
export const ADDON_VERSIONS: Record<string, AddonVersions> = {
  "1.35": {
    "vpc-cni": "v1.21.1-eksbuild.1",
    coredns: "v1.14.2-eksbuild.4",
    "kube-proxy": "v1.35.3-eksbuild.2",
    "aws-ebs-csi-driver": "v1.59.0-eksbuild.1",
  },
};

/** The Kubernetes minor versions a stack may pin (config validation uses this list). */
export const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = Object.keys(ADDON_VERSIONS);

/** A Helm chart: repository and exact version (never a range). */
export interface ChartVersion {
  chart: string;
  repo: string;
  version: string;
}

/**
 * Helm charts, each read from the chart's own repository index (`<repo>/index.yaml`, checked
 * 2026-11): aws/eks-charts, kubernetes-sigs/metrics-server, kubernetes/autoscaler and
 * external-secrets/external-secrets.
 */
export const CHARTS = {
  awsLoadBalancerController: {
    chart: "aws-load-balancer-controller",
    repo: "https://aws.github.io/eks-charts",
    version: "3.5.0",
  },
  metricsServer: { chart: "metrics-server", repo: "https://kubernetes-sigs.github.io/metrics-server/", version: "3.13.1" },
  clusterAutoscaler: { chart: "cluster-autoscaler", repo: "https://kubernetes.github.io/autoscaler", version: "9.59.0" },
  externalSecrets: { chart: "external-secrets", repo: "https://charts.external-secrets.io", version: "2.9.0" },
} satisfies Record<string, ChartVersion>;

/**
 * cluster-autoscaler's minor must match the Kubernetes minor (autoscaler README), so its image tag
 * is pinned per Kubernetes version instead of taken from the chart's appVersion. 1.35 -> v1.35.1:
 * aws-ia/terraform-aws-eks-blueprints-addons PR #516 (2026-07), from the autoscaler releases page.
 */
export const CLUSTER_AUTOSCALER_IMAGE_TAGS: Record<string, string> = {
  "1.35": "v1.35.1",
};
