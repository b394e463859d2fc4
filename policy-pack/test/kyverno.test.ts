/**
 * Kyverno image verification: attestors, digest pinning, the failure action per stack, and the
 * coverage of every workload's images. The fixture is the shape of a keyless cosign ClusterPolicy
 * for the application namespaces (Kyverno 1.19 CRD field names).
 */
import { kyvernoDigestVerification } from "../policies/kyverno/cluster-policy-require-digest-verification";
import { kyvernoEnforceAction } from "../policies/kyverno/cluster-policy-require-enforce-action";
import { kyvernoImageAttestors } from "../policies/kyverno/cluster-policy-require-image-attestors";
import { kyvernoWorkloadCoverage } from "../policies/kyverno/workload-require-verified-images";
import { UNKNOWN_STRING } from "../lib/props";
import { analyzeStack, assertEqual, cover, describePolicy, mutate, Props, ResourceInput } from "./helpers";

const CP = "kubernetes:kyverno.io/v1:ClusterPolicy";
const REPOS = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/b2b-commerce-prod/*";
const IMAGE = `123456789012.dkr.ecr.eu-central-1.amazonaws.com/b2b-commerce-prod/api@sha256:${"b".repeat(64)}`;

const clusterPolicy = {
  apiVersion: "kyverno.io/v1",
  kind: "ClusterPolicy",
  metadata: { name: "verify-image-signatures" },
  spec: {
    background: false,
    webhookConfiguration: { failurePolicy: "Fail" },
    rules: [
      {
        name: "signed-by-image-workflow",
        match: { any: [{ resources: { kinds: ["Pod"], namespaces: ["storefront", "api", "workers"] } }] },
        verifyImages: [
          {
            failureAction: "Enforce",
            imageReferences: [REPOS],
            mutateDigest: true,
            verifyDigest: true,
            required: true,
            attestors: [
              {
                count: 1,
                entries: [
                  {
                    keyless: {
                      issuer: "https://token.actions.githubusercontent.com",
                      subjectRegExp: "^https://github\\.com/acme/platform/\\.github/workflows/image\\.yml@refs/heads/main$",
                      rekor: { url: "https://rekor.sigstore.dev" },
                    },
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
};
const vi = (p: Props) => p.spec.rules[0].verifyImages[0];
const entry = (p: Props) => vi(p).attestors[0].entries[0];

describe("policy-pack kyverno", () => {
  describePolicy({
    policy: kyvernoImageAttestors,
    type: CP,
    compliant: clusterPolicy,
    violations: [
      { name: "no attestors", change: (p) => (vi(p).attestors = []), expect: "no attestors, so no signature is checked" },
      {
        name: "an attestor set without entries",
        change: (p) => (vi(p).attestors[0].entries = []),
        expect: "attestors[0]: no entries",
      },
      {
        name: "keyless without issuer",
        change: (p) => delete entry(p).keyless.issuer,
        expect: "keyless attestor names no issuer",
      },
      {
        name: "keyless without subject",
        change: (p) => delete entry(p).keyless.subjectRegExp,
        expect: "keyless attestor names no subject",
      },
      {
        name: "a key attestor without a key",
        change: (p) => (vi(p).attestors[0].entries = [{ keys: {} }]),
        expect: "names no key",
      },
      {
        name: "an empty attestor entry",
        change: (p) => (vi(p).attestors[0].entries = [{ repository: "x" }]),
        expect: "names no keyless identity, key or certificate",
      },
      { name: "no image references", change: (p) => (vi(p).imageReferences = []), expect: "no imageReferences" },
      {
        name: "no image references and an empty legacy image",
        change: (p) => ((vi(p).imageReferences = []), (vi(p).image = "")),
        expect: "spec.rules[signed-by-image-workflow].verifyImages[0]: no imageReferences; name the images it verifies.",
      },
      {
        name: "a certificate attestor without a certificate",
        change: (p) => (vi(p).attestors[0].entries = [{ certificates: { rekor: { url: "https://rekor.sigstore.dev" } } }]),
        expect:
          "spec.rules[signed-by-image-workflow].verifyImages[0].attestors[0]: a certificate attestor names no certificate (cert or certChain); anyone's signature would pass.",
      },
      {
        name: "a certificate attestor with an empty cert",
        change: (p) => (vi(p).attestors[0].entries = [{ certificates: { cert: "" } }]),
        expect: "names no certificate",
      },
      {
        name: "an empty keyless block",
        change: (p) => (vi(p).attestors[0].entries = [{ keyless: null }]),
        expect: "keyless attestor names no issuer",
      },
      {
        name: "a key attestor whose keys block is null",
        change: (p) => (vi(p).attestors[0].entries = [{ keys: null }]),
        expect: "names no key",
      },
      {
        name: "a certificate attestor whose block is null",
        change: (p) => (vi(p).attestors[0].entries = [{ certificates: null }]),
        expect: "names no certificate",
      },
      {
        name: "the second entry of a set is empty",
        change: (p) => vi(p).attestors[0].entries.push({}),
        expect: "names no keyless identity, key or certificate",
      },
    ],
    alsoCompliant: [
      {
        name: "a public key attestor",
        change: (p) => (vi(p).attestors[0].entries = [{ keys: { publicKeys: "-----BEGIN PUBLIC KEY-----" } }]),
      },
      {
        name: "a KMS key attestor",
        change: (p) => (vi(p).attestors[0].entries = [{ keys: { kms: "awskms:///alias/signing" } }]),
      },
      { name: "a key from a Secret", change: (p) => (vi(p).attestors[0].entries = [{ keys: { secret: "cosign-pub" } }]) },
      {
        name: "a certificate attestor",
        change: (p) => (vi(p).attestors[0].entries = [{ certificates: { cert: "-----BEGIN CERTIFICATE-----" } }]),
      },
      {
        name: "a certificate chain attestor",
        change: (p) => (vi(p).attestors[0].entries = [{ certificates: { certChain: "-----BEGIN CERTIFICATE-----" } }]),
      },
      {
        name: "keyless by issuer and subject regular expressions",
        change: (p) => (entry(p).keyless = { issuerRegExp: "^https://token\\.actions\\.githubusercontent\\.com$", subject: "x" }),
      },
      { name: "a nested attestor set", change: (p) => (vi(p).attestors[0].entries = [{ attestor: { entries: [] } }]) },
      {
        name: "a legacy image pattern instead of imageReferences",
        change: (p) => (delete vi(p).imageReferences, (vi(p).image = REPOS)),
      },
      { name: "a policy without verifyImages rules", change: (p) => (p.spec.rules = [{ name: "other", validate: {} }]) },
    ],
    unknown: [
      "spec.rules",
      "spec.rules.0.verifyImages",
      "spec.rules.0.verifyImages.0.attestors",
      "spec.rules.0.verifyImages.0.imageReferences",
      "spec.rules.0.verifyImages.0.attestors.0.entries",
      "spec.rules.0.verifyImages.0.attestors.0.entries.0",
    ],
  });

  describePolicy({
    policy: kyvernoDigestVerification,
    type: CP,
    compliant: clusterPolicy,
    alsoCompliant: [
      {
        name: "the flags left at their CRD default (true)",
        change: (p) => {
          delete vi(p).mutateDigest;
          delete vi(p).verifyDigest;
          delete vi(p).required;
        },
      },
    ],
    violations: [
      { name: "mutateDigest off", change: (p) => (vi(p).mutateDigest = false), expect: "mutateDigest is false" },
      { name: "verifyDigest off", change: (p) => (vi(p).verifyDigest = false), expect: "verifyDigest is false" },
      { name: "required off", change: (p) => (vi(p).required = false), expect: "required is false" },
    ],
    unknown: ["spec.rules.0.verifyImages.0.mutateDigest", "spec.rules.0.verifyImages.0.verifyDigest"],
  });

  describePolicy({
    policy: kyvernoEnforceAction,
    type: CP,
    compliant: clusterPolicy,
    alsoCompliant: [
      {
        name: "the deprecated policy-level action enforce",
        change: (p) => {
          delete vi(p).failureAction;
          p.spec.validationFailureAction = "enforce";
        },
      },
      {
        name: "Audit where the stack allows it (dev)",
        change: (p) => ((vi(p).failureAction = "Audit"), (p.spec.webhookConfiguration.failurePolicy = "Ignore")),
        config: { auditAllowed: true },
      },
      { name: "failurePolicy left at its default (Fail)", change: (p) => delete p.spec.webhookConfiguration },
      {
        name: "an override that only contains audit",
        change: (p) => (p.spec.validationFailureActionOverrides = [{ action: "no-audit-x" }, { action: "auditing" }]),
      },
      { name: "a policy without verifyImages rules", change: (p) => (p.spec.rules = [{ name: "other", validate: {} }]) },
    ],
    violations: [
      { name: "Audit", change: (p) => (vi(p).failureAction = "Audit"), expect: "failureAction is Audit" },
      {
        name: "no action anywhere (Kyverno's default is Audit)",
        change: (p) => delete vi(p).failureAction,
        expect: "failureAction is Audit",
      },
      {
        name: "a namespace override to audit",
        change: (p) => (p.spec.validationFailureActionOverrides = [{ action: "audit", namespaces: ["api"] }]),
        expect: "validationFailureActionOverrides sets Audit",
      },
      {
        name: "fail open while Kyverno is down",
        change: (p) => (p.spec.webhookConfiguration.failurePolicy = "Ignore"),
        expect: "failurePolicy is Ignore",
      },
      {
        name: "fail open through the deprecated field",
        change: (p) => (delete p.spec.webhookConfiguration, (p.spec.failurePolicy = "Ignore")),
        expect: "failurePolicy is Ignore",
      },
      {
        name: "a namespace override to Audit in another casing, second in the list",
        change: (p) =>
          (p.spec.validationFailureActionOverrides = [
            { action: "Enforce", namespaces: ["web"] },
            { action: "AUDIT", namespaces: ["api"] },
          ]),
        expect: "spec.validationFailureActionOverrides sets Audit for some namespaces. Remove the override.",
      },
    ],
    unknown: [
      "spec.rules.0.verifyImages.0.failureAction",
      "spec.webhookConfiguration.failurePolicy",
      "spec.rules",
      "spec.validationFailureActionOverrides",
    ],
  });

  describe(kyvernoWorkloadCoverage.name, () => {
    const ROLLOUT = "kubernetes:argoproj.io/v1alpha1:Rollout";
    const rollout = (ns: string, image = IMAGE): ResourceInput => ({
      type: ROLLOUT,
      name: `${ns}-rollout`,
      props: { metadata: { name: ns, namespace: ns }, spec: { template: { spec: { containers: [{ name: ns, image }] } } } },
    });
    const policy = (change: (p: Props) => void = () => undefined): ResourceInput => ({
      type: CP,
      name: "verify-image-signatures",
      props: mutate(clusterPolicy, change),
    });
    const system: ResourceInput = {
      type: "kubernetes:apps/v1:Deployment",
      name: "coredns",
      props: {
        metadata: { namespace: "kube-system" },
        spec: { template: { spec: { containers: [{ name: "c", image: "registry.k8s.io/coredns:v1.11.1" }] } } },
      },
    };
    const ns = (name: string, labels: Record<string, string>): ResourceInput => ({
      type: "kubernetes:core/v1:Namespace",
      name: `ns-${name}`,
      props: { metadata: { name, labels } },
    });
    const compliant: { name: string; resources: ResourceInput[]; config?: Record<string, unknown> }[] = [
      {
        name: "app workloads covered, system workloads exempt",
        resources: [policy(), rollout("api"), rollout("storefront"), system],
      },
      {
        name: "covered by a namespace selector's labels",
        resources: [
          policy(
            (p) =>
              (p.spec.rules[0].match.any[0].resources = { kinds: ["Pod"], namespaceSelector: { matchLabels: { team: "shop" } } }),
          ),
          ns("api", { team: "shop" }),
          rollout("api"),
        ],
      },
      {
        name: "covered by a wildcard namespace",
        resources: [policy((p) => (p.spec.rules[0].match.any[0].resources.namespaces = ["*"])), rollout("api")],
      },
      {
        name: "the second of two match blocks selects the namespace",
        resources: [
          policy((p) => p.spec.rules[0].match.any.unshift({ resources: { kinds: ["Pod"], namespaces: ["other"] } })),
          rollout("api"),
        ],
      },
      {
        name: "all of two match blocks select the namespace",
        resources: [
          policy(
            (p) =>
              (p.spec.rules[0].match = {
                all: [{ resources: { kinds: ["Pod"] } }, { resources: { kinds: ["Pod"], namespaces: ["api"] } }],
              }),
          ),
          rollout("api"),
        ],
      },
      {
        name: "a legacy match (resources directly under match)",
        resources: [
          policy((p) => (p.spec.rules[0].match = { resources: { kinds: ["Pod"], namespaces: ["api"] } })),
          rollout("api"),
        ],
      },
      {
        name: "kinds listing Deployment and Pod",
        resources: [policy((p) => (p.spec.rules[0].match.any[0].resources.kinds = ["Deployment", "Pod"])), rollout("api")],
      },
      {
        name: "an exclude for Deployments only does not exclude the pods",
        resources: [
          policy((p) => (p.spec.rules[0].exclude = { any: [{ resources: { kinds: ["Deployment"], namespaces: ["api"] } }] })),
          rollout("api"),
        ],
      },
      {
        name: "an exclude that is null",
        resources: [policy((p) => (p.spec.rules[0].exclude = null)), rollout("api")],
      },
      {
        name: "a namespace selector matching both of its labels",
        resources: [
          policy(
            (p) =>
              (p.spec.rules[0].match.any[0].resources = {
                kinds: ["Pod"],
                namespaceSelector: { matchLabels: { team: "shop", tier: "app" } },
              }),
          ),
          ns("api", { team: "shop", tier: "app" }),
          rollout("api"),
        ],
      },
      {
        name: "a namespaced Policy in the workload's namespace",
        resources: [
          {
            type: "kubernetes:kyverno.io/v1:Policy",
            name: "p",
            props: mutate<Props>(clusterPolicy, (p) => (p.metadata.namespace = "api")),
          },
          rollout("api"),
        ],
      },
      {
        name: "the second of two verifyImages entries matches",
        resources: [
          policy((p) =>
            p.spec.rules[0].verifyImages.unshift({ ...p.spec.rules[0].verifyImages[0], imageReferences: ["ghcr.io/*"] }),
          ),
          rollout("api"),
        ],
      },
      {
        name: "the second of two image references matches",
        resources: [policy((p) => vi(p).imageReferences.unshift("ghcr.io/*")), rollout("api")],
      },
      {
        name: "a legacy single image pattern",
        resources: [policy((p) => (delete vi(p).imageReferences, (vi(p).image = REPOS))), rollout("api")],
      },
      {
        name: "a workload without namespace, covered in default",
        resources: [policy((p) => p.spec.rules[0].match.any[0].resources.namespaces.push("default")), rollout("")],
      },
    ];
    const cases: { name: string; resources: ResourceInput[]; expect: string }[] = [
      { name: "no ClusterPolicy at all", resources: [rollout("api")], expect: "no Kyverno verifyImages rule for Pods in api" },
      { name: "a namespace the policy does not name", resources: [policy(), rollout("payments")], expect: "namespace payments" },
      {
        name: "an image from another registry",
        resources: [policy(), rollout("api", "ghcr.io/acme/api@sha256:" + "d".repeat(64))],
        expect: "runs ghcr.io/acme/api",
      },
      {
        name: "the namespace excluded",
        resources: [policy((p) => (p.spec.rules[0].exclude = { any: [{ resources: { namespaces: ["api"] } }] })), rollout("api")],
        expect: "namespace api",
      },
      {
        name: "a rule for Deployments only (the Rollout's pods are not matched)",
        resources: [policy((p) => (p.spec.rules[0].match.any[0].resources.kinds = ["Deployment"])), rollout("api")],
        expect: "namespace api",
      },
      {
        name: "the image skipped",
        resources: [policy((p) => (p.spec.rules[0].verifyImages[0].skipImageReferences = ["*/api@*"])), rollout("api")],
        expect: "namespace api",
      },
      {
        name: "a match block without kinds",
        resources: [policy((p) => delete p.spec.rules[0].match.any[0].resources.kinds), rollout("api")],
        expect: "namespace api",
      },
      ...["names", "name", "selector"].map((k) => ({
        name: `a match block narrowed by ${k}`,
        resources: [
          policy((p) => (p.spec.rules[0].match.any[0].resources[k] = k === "selector" ? { matchLabels: { a: "b" } } : ["api"])),
          rollout("api"),
        ],
        expect: "namespace api",
      })),
      {
        name: "an exclude narrowed by names (counted as excluding the namespace)",
        resources: [
          policy((p) => (p.spec.rules[0].exclude = { any: [{ resources: { names: ["api-*"], namespaces: ["api"] } }] })),
          rollout("api"),
        ],
        expect: "namespace api",
      },
      {
        name: "only one of two all blocks selects the namespace",
        resources: [
          policy(
            (p) =>
              (p.spec.rules[0].match = {
                all: [
                  { resources: { kinds: ["Pod"], namespaces: ["other"] } },
                  { resources: { kinds: ["Pod"], namespaces: ["api"] } },
                ],
              }),
          ),
          rollout("api"),
        ],
        expect: "namespace api",
      },
      {
        name: "a namespace selector with matchExpressions (not read: not counted)",
        resources: [
          policy(
            (p) =>
              (p.spec.rules[0].match.any[0].resources = {
                kinds: ["Pod"],
                namespaceSelector: { matchExpressions: [{ key: "team", operator: "Exists" }] },
              }),
          ),
          ns("api", { team: "shop" }),
          rollout("api"),
        ],
        expect: "namespace api",
      },
      {
        name: "an exclude by matchExpressions (counted as excluding)",
        resources: [
          policy(
            (p) =>
              (p.spec.rules[0].exclude = {
                any: [{ resources: { namespaceSelector: { matchExpressions: [{ key: "team", operator: "Exists" }] } } }],
              }),
          ),
          rollout("api"),
        ],
        expect: "namespace api",
      },
      {
        name: "an exclude by labels of a namespace the stack does not declare (counted as excluding)",
        resources: [
          policy((p) => (p.spec.rules[0].exclude = { any: [{ resources: { namespaceSelector: { matchLabels: { a: "b" } } } }] })),
          rollout("api"),
        ],
        expect: "namespace api",
      },
      {
        name: "a namespace selector on a namespace the stack does not declare",
        resources: [
          policy(
            (p) =>
              (p.spec.rules[0].match.any[0].resources = { kinds: ["Pod"], namespaceSelector: { matchLabels: { team: "shop" } } }),
          ),
          rollout("api"),
        ],
        expect: "namespace api",
      },
      {
        name: "a namespace selector matching one of its two labels",
        resources: [
          policy(
            (p) =>
              (p.spec.rules[0].match.any[0].resources = {
                kinds: ["Pod"],
                namespaceSelector: { matchLabels: { team: "shop", tier: "app" } },
              }),
          ),
          ns("api", { team: "shop", tier: "data" }),
          rollout("api"),
        ],
        expect: "namespace api",
      },
      {
        name: "a namespaced Policy in another namespace",
        resources: [
          {
            type: "kubernetes:kyverno.io/v1:Policy",
            name: "p",
            props: mutate<Props>(clusterPolicy, (p) => (p.metadata.namespace = "web")),
          },
          rollout("api"),
        ],
        expect: "namespace api",
      },
      {
        name: "a ClusterPolicy of another API group",
        resources: [{ type: "kubernetes:example.com/v1:ClusterPolicy", name: "lookalike", props: clusterPolicy }, rollout("api")],
        expect: "namespace api",
      },
      {
        name: "a workload whose namespace is not set runs in default",
        resources: [policy(), mutate(rollout("api"), (r) => delete (r.props as Props).metadata.namespace)],
        expect: "(namespace default)",
      },
      {
        name: "a workload without namespace runs in default",
        resources: [policy(), rollout("")],
        expect: "(namespace default)",
      },
      {
        name: "one of two skip patterns matches the image",
        resources: [policy((p) => (vi(p).skipImageReferences = ["ghcr.io/*", "*/api@*"])), rollout("api")],
        expect: "namespace api",
      },
      {
        name: "a namespace selector whose labels the namespace lacks",
        resources: [
          policy(
            (p) =>
              (p.spec.rules[0].match.any[0].resources = { kinds: ["Pod"], namespaceSelector: { matchLabels: { team: "shop" } } }),
          ),
          ns("api", { team: "other" }),
          rollout("api"),
        ],
        expect: "namespace api",
      },
    ];
    cover(kyvernoWorkloadCoverage.name, compliant.length, cases.length, 14);
    for (const c of compliant)
      it(`passes: ${c.name}`, async () =>
        assertEqual(
          (await analyzeStack(kyvernoWorkloadCoverage, c.resources, { config: c.config })).diagnostics,
          [],
          "diagnostics",
        ));
    for (const c of cases)
      it(`reports: ${c.name}`, async () => {
        const r = await analyzeStack(kyvernoWorkloadCoverage, c.resources);
        const hit = r.diagnostics.find((d) => d.message.includes(c.expect));
        if (!hit) throw new Error(`no message containing "${c.expect}" in ${JSON.stringify(r.diagnostics)}`);
        assertEqual([hit.policyName, hit.enforcementLevel], [kyvernoWorkloadCoverage.name, "mandatory"], "diagnostic");
      });
    const unknowns: { name: string; resources: ResourceInput[] }[] = [
      { name: "an image", resources: [policy(), rollout("api", UNKNOWN_STRING)] },
      {
        name: "a container without image",
        resources: [policy(), mutate(rollout("api"), (r) => delete (r.props as Props).spec.template.spec.containers[0].image)],
      },
      {
        name: "the workload's namespace",
        resources: [policy(), mutate(rollout("api"), (r) => ((r.props as Props).metadata.namespace = UNKNOWN_STRING))],
      },
      {
        name: "the pod template",
        resources: [policy(), mutate(rollout("api"), (r) => ((r.props as Props).spec.template = UNKNOWN_STRING))],
      },
      {
        name: "the containers",
        resources: [policy(), mutate(rollout("api"), (r) => ((r.props as Props).spec.template.spec.containers = UNKNOWN_STRING))],
      },
      { name: "the policy's rules", resources: [policy((p) => (p.spec.rules = UNKNOWN_STRING)), rollout("api")] },
      {
        name: "the match kinds",
        resources: [policy((p) => (p.spec.rules[0].match.any[0].resources.kinds = UNKNOWN_STRING)), rollout("api")],
      },
      {
        name: "the match namespaces",
        resources: [policy((p) => (p.spec.rules[0].match.any[0].resources.namespaces = UNKNOWN_STRING)), rollout("api")],
      },
      {
        name: "the match blocks (any)",
        resources: [policy((p) => (p.spec.rules[0].match.any = UNKNOWN_STRING)), rollout("api")],
      },
      {
        name: "the match blocks (all)",
        resources: [
          policy(
            (p) => (p.spec.rules[0].match = { any: [{ resources: { kinds: ["Pod"], namespaces: ["x"] } }], all: UNKNOWN_STRING }),
          ),
          rollout("api"),
        ],
      },
      {
        name: "a namespace selector",
        resources: [
          policy((p) => (p.spec.rules[0].match.any[0].resources = { kinds: ["Pod"], namespaceSelector: UNKNOWN_STRING })),
          rollout("api"),
        ],
      },
      { name: "the image references", resources: [policy((p) => (vi(p).imageReferences = UNKNOWN_STRING)), rollout("api")] },
      {
        name: "the skipped image references",
        resources: [policy((p) => (vi(p).skipImageReferences = UNKNOWN_STRING)), rollout("api")],
      },
      {
        name: "the legacy image pattern",
        resources: [policy((p) => (delete vi(p).imageReferences, (vi(p).image = UNKNOWN_STRING))), rollout("api")],
      },
    ];
    for (const u of unknowns)
      it(`cannot decide at preview while ${u.name} is unknown`, async () => {
        const r = await analyzeStack(kyvernoWorkloadCoverage, u.resources);
        assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "preview advisory");
      });
    it("still reports a known gap while another workload's image is unknown", async () => {
      const r = await analyzeStack(kyvernoWorkloadCoverage, [policy(), rollout("api", UNKNOWN_STRING), rollout("payments")]);
      assertEqual(r.violations.length, 1, "violations");
    });
  });
});
