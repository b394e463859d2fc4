import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { customerManagedKey, keyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { podSecurityLabels } from "../cluster/baseline";
import { CONTAINER_SECURITY_CONTEXT, POD_SECURITY_CONTEXT, systemPod } from "../cluster/charts";
import { serviceAccountRole } from "../cluster/iam";
import { ChartVersion } from "../cluster/versions";
import { AdmissionMode, SignerIdentity, verifyImagesPolicy } from "./signatures";
import { DELIVERY_CHARTS } from "./versions";

export { AdmissionMode, SignerIdentity } from "./signatures";

export interface DeliveryArgs {
  naming: Naming;
  region: string;
  kubernetesVersion: string;
  kubernetesProvider: k8s.Provider;
  oidcProviderArn: pulumi.Input<string>;
  oidcIssuer: pulumi.Input<string>;
  /** Namespaces whose pods must run signed images. */
  appNamespaces: string[];
  /** Protect the keys (prod). */
  protect: boolean;
  signer: SignerIdentity;
  admissionMode: AdmissionMode;
  /** Controller replicas: 2 (HA) or 1 (dev). */
  replicas: number;
}

/** The ClusterSecretStore every service's ExternalSecrets refer to. */
export const SECRET_STORE_NAME = "aws-secrets-manager";

/**
 * The controllers the golden path stands on: Argo Rollouts (canary and blue-green, with target
 * group verification), KEDA (event-driven autoscaling), Kyverno (image signature admission), and
 * the ClusterSecretStore the external-secrets add-on of the cluster reads Secrets Manager through.
 */
export class Delivery extends pulumi.ComponentResource {
  readonly secretStoreName = SECRET_STORE_NAME;
  /** Roles that must be allowed to pull from the service repositories (signature reads). */
  readonly imageReaderRoleArns: pulumi.Output<string>[];
  /** Encrypts the service repositories' image layers. */
  readonly imagesKeyArn: pulumi.Output<string>;
  /** Encrypts the services' Secrets Manager secrets. */
  readonly secretsKeyArn: pulumi.Output<string>;

  constructor(name: string, args: DeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:platform:Delivery", name, {}, opts);
    const k8sOpts = { parent: this, provider: args.kubernetesProvider };
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const accountId = identity.accountId;
    const partition = identity.arn.apply((arn) => arn.split(":")[1] ?? "aws");
    // ECR and Secrets Manager use a key on the caller's behalf (kms:ViaService grants), so the
    // account-administers-through-IAM statement is the whole policy (Amazon ECR and Secrets
    // Manager user guides, "encryption at rest").
    const key = (keyName: string, description: string) =>
      customerManagedKey(this, keyName, {
        naming: args.naming,
        aliasStem: keyName,
        description,
        policy: keyPolicy(accountId, identity.arn),
        protect: args.protect,
      });
    const imagesKey = key("images-key", "ECR image layers of the services");
    const secretsKey = key("service-secrets-key", "Secrets Manager secrets of the services");

    // Pull-through caches for public base images: nodes pull them from this account's registry
    // (scanned, and available when the upstream is down). ECR Public and registry.k8s.io need no
    // upstream credentials (Amazon ECR user guide, "Sync an upstream registry").
    // Prefixes are registry-wide and at most 30 characters: `<project>-<stack>-pub`.
    for (const [ruleKey, suffix, upstream] of [
      ["ecr-public", "pub", "public.ecr.aws"],
      ["k8s", "k8s", "registry.k8s.io"],
    ] as const) {
      new aws.ecr.PullThroughCacheRule(
        `pull-through-${ruleKey}`,
        { ecrRepositoryPrefix: `${args.naming.prefix}-${suffix}`, upstreamRegistryUrl: upstream },
        { parent: this },
      );
    }

    const irsa = { naming: args.naming, oidcProviderArn: args.oidcProviderArn, oidcIssuer: args.oidcIssuer };
    const namespace = (ns: string) =>
      new k8s.core.v1.Namespace(
        `ns-${ns}`,
        {
          metadata: {
            name: ns,
            labels: { ...podSecurityLabels("restricted", args.kubernetesVersion), "b2b.io/platform": "true" },
          },
        },
        k8sOpts,
      );
    const release = (key: string, chart: ChartVersion, ns: k8s.core.v1.Namespace, values: Record<string, unknown>) =>
      new k8s.helm.v3.Release(
        key,
        {
          name: chart.chart,
          chart: chart.chart,
          version: chart.version,
          repositoryOpts: { repo: chart.repo },
          namespace: ns.metadata.name,
          values,
          atomic: true,
          cleanupOnFail: true,
          timeout: 600,
        },
        { ...k8sOpts, dependsOn: [ns] },
      );
    // Service repositories are named `<project>-<stack>/<service>` (components/service/registry.ts).
    const repositoryPrefix = args.naming.prefix;
    const roleAnnotation = (arn: pulumi.Output<string>) => ({ "eks.amazonaws.com/role-arn": arn });

    // --- Argo Rollouts ------------------------------------------------------------------------
    // Target group verification: after each weight step the controller checks that the ALB's rules
    // carry the weights, and before the old revision scales down that the stable target group holds
    // the new pods (Argo Rollouts docs, "AWS Load Balancer Controller", TargetGroup verification).
    // Describe calls support no resource-level scoping (Service Authorization Reference, Elastic Load
    // Balancing v2). The weights themselves are Ingress annotations: the chart's ClusterRole may patch
    // Ingresses, and the load balancer controller does the AWS work.
    const rolloutsNs = namespace("argo-rollouts");
    const rolloutsRole = serviceAccountRole(this, "argo-rollouts", {
      ...irsa,
      namespace: "argo-rollouts",
      serviceAccount: "argo-rollouts",
      statements: [
        {
          Sid: "VerifyTargetGroups",
          Effect: "Allow",
          Action: [
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeListeners",
            "elasticloadbalancing:DescribeRules",
            "elasticloadbalancing:DescribeTags",
            "elasticloadbalancing:DescribeTargetHealth",
          ],
          Resource: "*",
        },
      ],
    });
    release("argo-rollouts", DELIVERY_CHARTS.argoRollouts, rolloutsNs, {
      controller: {
        replicas: args.replicas,
        awsVerifyTargetGroup: true,
        ...systemPod("100m", "128Mi", "512Mi"),
        pdb: { enabled: args.replicas > 1, minAvailable: 1 },
        metrics: { enabled: true, serviceMonitor: { enabled: true } },
      },
      serviceAccount: { create: true, name: "argo-rollouts", annotations: roleAnnotation(rolloutsRole.arn) },
      podSecurityContext: POD_SECURITY_CONTEXT,
      containerSecurityContext: CONTAINER_SECURITY_CONTEXT,
      dashboard: { enabled: false },
    });

    // --- KEDA ----------------------------------------------------------------------------------
    // Its Prometheus trigger reads the in-cluster Prometheus: no AWS permission needed.
    const kedaNs = namespace("keda");
    release("keda", DELIVERY_CHARTS.keda, kedaNs, {
      operator: { replicaCount: args.replicas },
      ...systemPod("100m", "128Mi", "512Mi"),
      podSecurityContext: { operator: POD_SECURITY_CONTEXT, metricServer: POD_SECURITY_CONTEXT, webhooks: POD_SECURITY_CONTEXT },
      securityContext: {
        operator: CONTAINER_SECURITY_CONTEXT,
        metricServer: CONTAINER_SECURITY_CONTEXT,
        webhooks: CONTAINER_SECURITY_CONTEXT,
      },
      prometheus: { operator: { enabled: true, serviceMonitor: { enabled: true } } },
    });

    // --- Kyverno -------------------------------------------------------------------------------
    // The admission controller reads signatures from ECR: a token for the registry and pulls of
    // the signature artefacts in the service repositories only.
    const kyvernoNs = namespace("kyverno");
    const kyvernoRole = serviceAccountRole(this, "kyverno", {
      ...irsa,
      namespace: "kyverno",
      serviceAccount: "kyverno-admission-controller",
      statements: [
        // GetAuthorizationToken has no resource-level scoping (Amazon ECR, "Actions defined by Amazon ECR").
        { Sid: "RegistryToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
        {
          Sid: "ReadSignatures",
          Effect: "Allow",
          Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages"],
          Resource: pulumi.interpolate`arn:${partition}:ecr:${args.region}:${accountId}:repository/${repositoryPrefix}/*`,
        },
      ],
    });
    const kyverno = release("kyverno", DELIVERY_CHARTS.kyverno, kyvernoNs, {
      admissionController: {
        replicas: args.replicas > 1 ? 3 : 1,
        rbac: { serviceAccount: { name: "kyverno-admission-controller", annotations: roleAnnotation(kyvernoRole.arn) } },
        ...systemPod("100m", "256Mi", "768Mi"),
        podDisruptionBudget: { enabled: args.replicas > 1, minAvailable: 1 },
      },
      backgroundController: { ...systemPod("50m", "128Mi", "256Mi") },
      cleanupController: { ...systemPod("50m", "128Mi", "256Mi") },
      reportsController: { ...systemPod("50m", "128Mi", "256Mi") },
    });
    // By name, not by the repositories' outputs: the repositories' policies name Kyverno's role,
    // so depending on them here would be a cycle.
    const policy = accountId.apply((account) =>
      verifyImagesPolicy({
        namespaces: args.appNamespaces,
        imageReferences: [`${account}.dkr.ecr.${args.region}.amazonaws.com/${repositoryPrefix}/*`],
        signer: args.signer,
        mode: args.admissionMode,
      }),
    );
    new k8s.apiextensions.CustomResource(
      "verify-image-signatures",
      {
        apiVersion: "kyverno.io/v1",
        kind: "ClusterPolicy",
        metadata: { name: "verify-image-signatures" },
        spec: policy.apply((p) => p.spec),
      },
      { ...k8sOpts, dependsOn: [kyverno] },
    );

    // --- external-secrets' store ------------------------------------------------------------------
    // No `auth`: the controller's own IRSA role (scoped to the stack's secret prefix by the
    // cluster component) is used (external-secrets docs, "AWS Secrets Manager", IRSA).
    new k8s.apiextensions.CustomResource(
      "secret-store",
      {
        apiVersion: "external-secrets.io/v1",
        kind: "ClusterSecretStore",
        metadata: { name: SECRET_STORE_NAME },
        spec: { provider: { aws: { service: "SecretsManager", region: args.region } } },
      },
      k8sOpts,
    );

    this.imageReaderRoleArns = [kyvernoRole.arn];
    this.imagesKeyArn = imagesKey.arn;
    this.secretsKeyArn = secretsKey.arn;
    this.registerOutputs({ secretStoreName: this.secretStoreName });
  }
}
