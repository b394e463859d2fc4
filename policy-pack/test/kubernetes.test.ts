import { helmAllowedRepository } from "../policies/kubernetes/helm-release-require-allowed-repository";
import { helmPinnedVersion } from "../policies/kubernetes/helm-release-require-pinned-version";
import { k8sPodSecurityLabels } from "../policies/kubernetes/namespace-require-pod-security-labels";
import { k8sNoHostNamespaces } from "../policies/kubernetes/pod-disallow-host-namespaces";
import { k8sNoHostPath } from "../policies/kubernetes/pod-disallow-host-path";
import { k8sNoPrivilegeEscalation } from "../policies/kubernetes/pod-disallow-privilege-escalation";
import { k8sNoPrivileged } from "../policies/kubernetes/pod-disallow-privileged";
import { k8sDropAllCapabilities } from "../policies/kubernetes/pod-require-drop-all-capabilities";
import { k8sPinnedImage } from "../policies/kubernetes/pod-require-pinned-image";
import { k8sProbes } from "../policies/kubernetes/pod-require-probes";
import { k8sReadOnlyRootFs } from "../policies/kubernetes/pod-require-read-only-root-filesystem";
import { k8sResources } from "../policies/kubernetes/pod-require-resources";
import { k8sRunAsNonRoot } from "../policies/kubernetes/pod-require-run-as-non-root";
import { k8sNoDefaultNamespace } from "../policies/kubernetes/resource-disallow-default-namespace";
import { UNKNOWN_STRING } from "../lib/props";
import * as assert from "node:assert/strict";
import { analyze, assertEqual, describePolicy, mutate, Props } from "./helpers";

const IMAGE = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2";
/** A restricted-profile Deployment: the fixture every workload policy starts from. */
const deployment = {
  metadata: { name: "storefront", namespace: "storefront" },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: "storefront" } },
    template: {
      metadata: { labels: { app: "storefront" } },
      spec: {
        securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
        containers: [
          {
            name: "app",
            image: IMAGE,
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
            resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
            readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
            livenessProbe: { httpGet: { path: "/health", port: 8080 } },
            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
          },
        ],
        volumes: [{ name: "tmp", emptyDir: {} }],
      },
    },
  },
};
const DEP = "kubernetes:apps/v1:Deployment";
const app = (p: Props) => p.spec.template.spec.containers[0];
const pod = (p: Props) => p.spec.template.spec;

describe("policy-pack kubernetes", () => {
  describePolicy({
    policy: k8sRunAsNonRoot,
    type: DEP,
    compliant: deployment,
    violations: [
      {
        name: "no runAsNonRoot and no user",
        change: (p) => (pod(p).securityContext = {}),
        expect: "containers[app]: runAsNonRoot is not true",
      },
      {
        name: "runAsUser 0 on the container",
        change: (p) => (app(p).securityContext.runAsUser = 0),
        expect: "containers[app]: runAsUser is 0 (root). Run as a non-root UID.",
      },
      {
        name: "runAsUser 0 on the pod, runAsNonRoot false on the container",
        change: (p) => ((pod(p).securityContext = { runAsUser: "0" }), (app(p).securityContext.runAsNonRoot = false)),
        expect: "runAsUser is 0 (root)",
      },
      {
        name: "runAsNonRoot false on the container overrides the pod's true",
        change: (p) => (delete pod(p).securityContext.runAsUser, (app(p).securityContext.runAsNonRoot = false)),
        expect: "containers[app]: runAsNonRoot is not true. Set it.",
      },
      {
        name: "runAsUser 0 while runAsNonRoot is unknown",
        change: (p) => (pod(p).securityContext = { runAsUser: 0, runAsNonRoot: UNKNOWN_STRING }),
        expect: "runAsUser is 0 (root)",
      },
      {
        name: "a negative runAsUser and no runAsNonRoot",
        change: (p) => (pod(p).securityContext = { runAsUser: -1 }),
        expect: "runAsNonRoot is not true",
      },
    ],
    alsoCompliant: [
      {
        name: "runAsNonRoot on the container only",
        change: (p) => ((pod(p).securityContext = {}), (app(p).securityContext.runAsNonRoot = true)),
      },
      { name: "a non-root UID without runAsNonRoot", change: (p) => (pod(p).securityContext = { runAsUser: 1000 }) },
      {
        name: "a non-root UID on the container only",
        change: (p) => ((pod(p).securityContext = {}), (app(p).securityContext.runAsUser = 1)),
      },
      {
        name: "runAsNonRoot true with an unknown UID (the kubelet refuses root)",
        change: (p) => (pod(p).securityContext = { runAsNonRoot: true, runAsUser: UNKNOWN_STRING }),
      },
      {
        name: "runAsNonRoot unknown with a known non-root UID",
        change: (p) => (pod(p).securityContext = { runAsNonRoot: UNKNOWN_STRING, runAsUser: 1000 }),
      },
    ],
    unknown: ["spec.template", "spec.template.spec.containers"],
  });
  for (const [name, sc] of [
    ["runAsUser", { runAsUser: UNKNOWN_STRING }],
    ["runAsNonRoot", { runAsNonRoot: UNKNOWN_STRING }],
  ] as const)
    it(`kubernetes-pod-require-run-as-non-root cannot decide at preview when ${name} is unknown and nothing else makes the container non-root`, async () => {
      const r = await analyze(k8sRunAsNonRoot, {
        type: DEP,
        props: mutate(deployment, (p) => (pod(p).securityContext = sc)),
      });
      assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "preview advisory");
    });
  it("the same rule reads a StatefulSet, a CronJob's job template and a bare Pod", async () => {
    const bad = { ...deployment.spec.template.spec, securityContext: {} };
    const results = await Promise.all([
      analyze(k8sRunAsNonRoot, {
        type: "kubernetes:apps/v1:StatefulSet",
        props: { metadata: deployment.metadata, spec: { template: { spec: bad } } },
      }),
      analyze(k8sRunAsNonRoot, {
        type: "kubernetes:batch/v1:CronJob",
        props: { metadata: deployment.metadata, spec: { jobTemplate: { spec: { template: { spec: bad } } } } },
      }),
      analyze(k8sRunAsNonRoot, { type: "kubernetes:core/v1:Pod", props: { metadata: deployment.metadata, spec: bad } }),
    ]);
    assertEqual(
      results.map((r) => r.violations.length),
      [1, 1, 1],
      "violations per kind",
    );
  });
  describePolicy({
    policy: k8sReadOnlyRootFs,
    type: DEP,
    compliant: deployment,
    violations: [
      {
        name: "writable root",
        change: (p) => (app(p).securityContext.readOnlyRootFilesystem = false),
        expect: "readOnlyRootFilesystem is not true",
      },
    ],
  });
  describePolicy({
    policy: k8sNoPrivilegeEscalation,
    type: DEP,
    compliant: deployment,
    violations: [
      {
        name: "escalation allowed",
        change: (p) => (app(p).securityContext.allowPrivilegeEscalation = true),
        expect: "allowPrivilegeEscalation is not false",
      },
      {
        name: "an init container without the setting",
        change: (p) => (pod(p).initContainers = [{ name: "migrate", image: IMAGE }]),
        expect: "initContainers[migrate]",
      },
    ],
  });
  describePolicy({
    policy: k8sDropAllCapabilities,
    type: DEP,
    compliant: deployment,
    alsoCompliant: [
      { name: "NET_BIND_SERVICE added back", change: (p) => (app(p).securityContext.capabilities.add = ["NET_BIND_SERVICE"]) },
    ],
    violations: [
      { name: "nothing dropped", change: (p) => delete app(p).securityContext.capabilities, expect: 'does not include "ALL"' },
      {
        name: "NET_ADMIN added",
        change: (p) => (app(p).securityContext.capabilities.add = ["NET_ADMIN"]),
        expect: "capabilities.add includes NET_ADMIN",
      },
    ],
  });
  describePolicy({
    policy: k8sNoPrivileged,
    type: DEP,
    compliant: deployment,
    violations: [{ name: "privileged", change: (p) => (app(p).securityContext.privileged = true), expect: "privileged is true" }],
  });
  describePolicy({
    policy: k8sNoHostNamespaces,
    type: DEP,
    compliant: deployment,
    violations: [
      { name: "hostNetwork", change: (p) => (pod(p).hostNetwork = true), expect: "hostNetwork is true" },
      { name: "hostPID", change: (p) => (pod(p).hostPID = true), expect: "hostPID is true" },
      { name: "hostIPC", change: (p) => (pod(p).hostIPC = true), expect: "spec.template.spec.hostIPC is true. Remove it." },
    ],
    alsoCompliant: [
      { name: "host namespaces explicitly false", change: (p) => ((pod(p).hostNetwork = false), (pod(p).hostPID = "true-ish")) },
    ],
    unknown: ["spec.template", "spec.template.spec.hostNetwork", "spec.template.spec.hostPID", "spec.template.spec.hostIPC"],
  });
  describePolicy({
    policy: k8sNoHostPath,
    type: DEP,
    compliant: deployment,
    violations: [
      {
        name: "a hostPath volume",
        change: (p) => pod(p).volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } }),
        expect: "Volume docker is a hostPath volume",
      },
    ],
  });
  describePolicy({
    policy: k8sResources,
    type: DEP,
    compliant: deployment,
    alsoCompliant: [
      {
        name: "no CPU limit where the stack config drops it",
        change: (p) => delete app(p).resources.limits.cpu,
        config: { requiredLimits: ["memory"] },
      },
    ],
    violations: [
      {
        name: "no resources",
        change: (p) => delete app(p).resources,
        expect: "missing resources requests.cpu, requests.memory, limits.cpu, limits.memory",
      },
      {
        name: "no memory limit",
        change: (p) => delete app(p).resources.limits.memory,
        expect: "missing resources limits.memory",
      },
    ],
  });
  describePolicy({
    policy: k8sProbes,
    type: DEP,
    compliant: deployment,
    alsoCompliant: [
      { name: "an init container without probes", change: (p) => (pod(p).initContainers = [{ name: "migrate", image: IMAGE }]) },
    ],
    violations: [{ name: "no liveness probe", change: (p) => delete app(p).livenessProbe, expect: "no livenessProbe" }],
  });
  describePolicy({
    policy: k8sPinnedImage,
    type: DEP,
    compliant: deployment,
    violations: [
      { name: "Docker Hub", change: (p) => (app(p).image = "nginx:1.27"), expect: "from docker.io, not an allowed registry" },
      {
        name: "latest",
        change: (p) => (app(p).image = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:latest"),
        expect: "has no pinned tag",
      },
      {
        name: "no tag",
        change: (p) => (app(p).image = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront"),
        expect: "has no pinned tag",
      },
      {
        name: "a lookalike registry",
        change: (p) => (app(p).image = "evil.example.com/123456789012.dkr.ecr.eu-central-1.amazonaws.com/x:1"),
        expect: "from evil.example.com",
      },
      {
        name: "a Docker Hub organisation path (no registry host)",
        change: (p) => (app(p).image = "library/nginx:1.27"),
        expect: "containers[app]: image library/nginx:1.27 is from docker.io, not an allowed registry.",
      },
      {
        name: "a registry with a port and no tag",
        change: (p) => (app(p).image = "registry.example.com:5000/storefront"),
        config: { allowedRegistries: ["registry.example.com:5000"] },
        expect: "image registry.example.com:5000/storefront has no pinned tag. Pin a version or digest.",
      },
      { name: "no image at all", change: (p) => delete app(p).image, expect: "image  is from docker.io" },
    ],
    alsoCompliant: [
      {
        name: "pinned by digest",
        change: (p) => (app(p).image = `123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront@sha256:${"a".repeat(64)}`),
      },
      {
        name: "public.ecr.aws with a tag",
        change: (p) => (app(p).image = "public.ecr.aws/eks/aws-load-balancer-controller:v2.14.0"),
      },
      {
        name: "a registry with a port and a tag",
        change: (p) => (app(p).image = "registry.example.com:5000/storefront:1.4.2"),
        config: { allowedRegistries: ["registry.example.com:5000"] },
      },
    ],
    unknown: ["spec.template.spec.containers.0.image"],
  });
  describePolicy({
    policy: k8sNoDefaultNamespace,
    type: DEP,
    compliant: deployment,
    alsoCompliant: [
      { name: "a computed namespace (the component's Namespace)", change: (p) => (p.metadata.namespace = UNKNOWN_STRING) },
      {
        name: "a Helm release in its namespace",
        type: "kubernetes:helm.sh/v3:Release",
        change: (p) => (p.namespace = "monitoring"),
      },
    ],
    violations: [
      {
        name: "the default namespace",
        change: (p) => (p.metadata.namespace = "default"),
        expect: "metadata.namespace is default",
      },
      { name: "no namespace", change: (p) => delete p.metadata.namespace, expect: "unset (default)" },
    ],
  });
  describePolicy({
    policy: k8sPodSecurityLabels,
    type: "kubernetes:core/v1:Namespace",
    compliant: {
      metadata: {
        name: "storefront",
        labels: { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "restricted" },
      },
    },
    alsoCompliant: [
      {
        name: "a privileged agent namespace listed in config",
        change: (p) => ((p.metadata.name = "logging"), (p.metadata.labels["pod-security.kubernetes.io/enforce"] = "privileged")),
        config: { privilegedNamespaces: ["logging"] },
      },
    ],
    violations: [
      { name: "no labels", change: (p) => delete p.metadata.labels, expect: "enforce is unset" },
      {
        name: "privileged",
        change: (p) => (p.metadata.labels["pod-security.kubernetes.io/enforce"] = "privileged"),
        expect: "enforce is privileged",
      },
    ],
    unknown: ["metadata.labels"],
  });
  it("kubernetes-namespace-require-pod-security-labels cannot decide while the enforce label is unknown", async () => {
    const r = await analyze(k8sPodSecurityLabels, {
      type: "kubernetes:core/v1:Namespace",
      props: { metadata: { name: "storefront", labels: { "pod-security.kubernetes.io/enforce": UNKNOWN_STRING } } },
    });
    assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "preview advisory");
  });
  const release = {
    chart: "kube-prometheus-stack",
    version: "88.5.3",
    namespace: "monitoring",
    repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
  };
  describePolicy({
    policy: helmPinnedVersion,
    type: "kubernetes:helm.sh/v3:Release",
    compliant: release,
    alsoCompliant: [
      { name: "a helm v4 Chart with a pinned version", type: "kubernetes:helm.sh/v4:Chart", change: () => undefined },
      { name: "a v-prefixed version with multi-digit parts", change: (p) => (p.version = "v1.22.33") },
      { name: "a pre-release", change: (p) => (p.version = "1.2.3-rc.1") },
      { name: "build metadata", change: (p) => (p.version = "1.2.3+build.5") },
    ],
    violations: [
      { name: "no version", change: (p) => delete p.version, expect: "version is unset" },
      { name: "a range", change: (p) => (p.version = "^88.0.0"), expect: "version is ^88.0.0" },
      { name: "four numbers", change: (p) => (p.version = "88.5.3.1"), expect: "version is 88.5.3.1" },
      { name: "two numbers", change: (p) => (p.version = "88.5"), expect: "version is 88.5" },
      { name: "a trailing word", change: (p) => (p.version = "88.5.3 latest"), expect: "version is 88.5.3 latest" },
      { name: "an empty pre-release", change: (p) => (p.version = "88.5.3-"), expect: "version is 88.5.3-" },
      { name: "a pre-release with a space", change: (p) => (p.version = "88.5.3-rc 1"), expect: "version is 88.5.3-rc 1" },
    ],
    unknown: ["version"],
  });
  describePolicy({
    policy: helmAllowedRepository,
    type: "kubernetes:helm.sh/v3:Release",
    compliant: release,
    violations: [
      {
        name: "an unknown repository",
        change: (p) => (p.repositoryOpts.repo = "https://charts.example.com"),
        expect: "Repository https://charts.example.com is not allowed",
      },
      {
        name: "a local chart",
        change: (p) => delete p.repositoryOpts,
        expect: "No chart repository (a local chart path). Install from an allowed repository.",
      },
      {
        name: "a lookalike host that starts with an allowed one",
        change: (p) => (p.repositoryOpts.repo = "https://prometheus-community.github.io.evil.example.com/helm-charts"),
        expect: "Repository https://prometheus-community.github.io.evil.example.com/helm-charts is not allowed.",
      },
      {
        name: "an OCI repository whose name only starts with an allowed one",
        change: (p) => (delete p.repositoryOpts, (p.chart = "oci://public.ecr.aws/karpenter-mirror/karpenter")),
        expect: "Repository oci://public.ecr.aws/karpenter-mirror/karpenter is not allowed.",
      },
      {
        name: "a non-OCI chart URL without a repository",
        change: (p) => (delete p.repositoryOpts, (p.chart = "https://x/y.tgz")),
        expect: "No chart repository",
      },
    ],
    alsoCompliant: [
      { name: "a helm v4 Chart from an allowed repository", type: "kubernetes:helm.sh/v4:Chart", change: () => undefined },
      {
        name: "an allowed OCI chart",
        change: (p) => (delete p.repositoryOpts, (p.chart = "oci://public.ecr.aws/karpenter/karpenter")),
      },
      {
        name: "an allowed repository whose entry ends in a slash",
        change: (p) => (p.repositoryOpts.repo = "https://kubernetes-sigs.github.io/metrics-server"),
      },
      {
        name: "a configured entry with two trailing slashes",
        change: (p) => (p.repositoryOpts.repo = "https://charts.example.com"),
        config: { allowedRepositories: ["https://charts.example.com//"] },
      },
    ],
    unknown: ["repositoryOpts.repo", "chart"],
  });
  it("checks helm v4 Charts (a remote component) like v3 Releases", async () => {
    const chart = { chart: "metrics-server", namespace: "kube-system", repositoryOpts: { repo: "https://charts.example.com" } };
    const results = await Promise.all([
      analyze(helmPinnedVersion, { type: "kubernetes:helm.sh/v4:Chart", props: chart }),
      analyze(helmAllowedRepository, { type: "kubernetes:helm.sh/v4:Chart", props: chart }),
    ]);
    assert.deepEqual(
      results.map((r) => r.violations.length),
      [1, 1],
    );
  });
});
