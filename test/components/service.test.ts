import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parser } from "@prometheus-io/lezer-promql";
import { DELIVERY_CHARTS } from "../../components/delivery/versions";
import { MUTABLE_TAG_FILTER } from "../../components/service/registry";
import { rolloutTimeoutSeconds, RUN_AS_USER } from "../../components/service/workload";
import { allPolicies } from "../../policy-pack/policies";
import { COMMERCE_FLOWS, METRICS_PORT } from "../../stacks/flows";
import { SERVICE_NAMES, SERVICES, ServiceName } from "../../stacks/services";
import { ofType, RegisteredResource, ROOT, SECRET_MASK, StackRun } from "../../tools/harness";
import { analyze, analyzeStack, analyzeWith, configurePack, PackConfig } from "../../policy-pack/test/helpers";
import { kyvernoEnforceAction } from "../../policy-pack/policies/kyverno/cluster-policy-require-enforce-action";
import { kyvernoWorkloadCoverage } from "../../policy-pack/policies/kyverno/workload-require-verified-images";
import { crdErrors } from "../support/crd-schema";
import { stackRun, stackRunWith, STACKS } from "../support/stacks";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Res = Omit<RegisteredResource, "inputs"> & { inputs: Obj };

/** A digest per service, as the image workflow's pull request would set them. */
const DIGESTS: Record<ServiceName, string> = {
  storefront: `sha256:${"a".repeat(64)}`,
  api: `sha256:${"b".repeat(64)}`,
  workers: `sha256:${"c".repeat(64)}`,
};
const CI_ROLE = "arn:aws:iam::111122223333:role/b2b-commerce-ci-deploy";

/** Custom resources register as `kubernetes:<group>/<version>:<Kind>`. */
const cr = (run: StackRun, kind: string): Res[] =>
  run.resources.filter((r) => r.type.startsWith("kubernetes:") && r.type.endsWith(`:${kind}`)) as Res[];
const inService = (r: Res, svc: string) => r.urn.includes("b2b:platform:Service$") && r.name.startsWith(`service-${svc}-`);
const byService = (rs: Res[], svc: string) => {
  const found = rs.filter((r) => inService(r, svc));
  assert.equal(found.length, 1, `expected one for ${svc}, found ${found.length}`);
  return found[0];
};
function assertPromql(expr: string, what: string) {
  const errors: number[] = [];
  parser.parse(expr).iterate({ enter: (n) => void (n.type.isError && errors.push(n.from)) });
  assert.deepEqual(errors, [], `${what} does not parse as PromQL at ${errors.join(",")}: ${expr}`);
}

for (const stack of STACKS) {
  describe(`service golden path (${stack})`, () => {
    const env = SERVICES[stack];
    const prod = stack === "prod";
    let run: StackRun;
    const requested = stackRunWith(stack, { config: { imageDigests: JSON.stringify(DIGESTS), ciRoleArn: CI_ROLE } });
    before(async () => {
      run = await requested;
    });

    it("creates one ECR repository per service: immutable tags except signatures, KMS, scanning, lifecycle", () => {
      const repos = ofType(run, "aws:ecr/repository:Repository") as Res[];
      assert.deepEqual(repos.map((r) => r.inputs.name).sort(), SERVICE_NAMES.map((s) => `b2b-commerce-${stack}/${s}`).sort());
      for (const repo of repos) {
        assert.equal(repo.inputs.imageTagMutability, "IMMUTABLE_WITH_EXCLUSION");
        assert.deepEqual(repo.inputs.imageTagMutabilityExclusionFilters, [
          { filter: MUTABLE_TAG_FILTER, filterType: "WILDCARD" },
        ]);
        assert.equal(repo.inputs.encryptionConfigurations[0].encryptionType, "KMS");
        assert.match(repo.inputs.encryptionConfigurations[0].kmsKey, /^arn:aws:kms:/);
        assert.equal(repo.inputs.imageScanningConfiguration.scanOnPush, true);
        assert.equal(repo.protect, prod, "prod protects the repositories");
        assert.equal(repo.inputs.forceDelete, !prod, "prod never force-deletes a repository with images");
      }
      for (const lc of ofType(run, "aws:ecr/lifecyclePolicy:LifecyclePolicy") as Res[]) {
        const rules = JSON.parse(lc.inputs.policy).rules;
        assert.equal(rules[0].selection.tagStatus, "untagged");
        assert.equal(rules[1].selection.countType, "imageCountMoreThan");
        assert.equal(rules[1].selection.countNumber, env.keepReleases);
      }
    });

    it("lets only the nodes, Kyverno and the CI role pull, and only the CI role push", () => {
      const kyvernoRole = run.resources.find((r) => r.type === "aws:iam/role:Role" && r.name === "kyverno-role");
      assert.ok(kyvernoRole, "Kyverno has its own IRSA role");
      for (const p of ofType(run, "aws:ecr/repositoryPolicy:RepositoryPolicy") as Res[]) {
        const [pull, push] = JSON.parse(p.inputs.policy).Statement;
        assert.equal(pull.Principal.AWS.length, 3, "node role, Kyverno role, CI role");
        assert.ok(pull.Principal.AWS.includes(CI_ROLE));
        assert.ok(!pull.Action.some((a: string) => /Put|Upload/.test(a)), "pull grants no write");
        assert.deepEqual(push.Principal.AWS, [CI_ROLE]);
      }
    });

    it("rolls out by the configured strategy, with the steps and analysis of the profile", () => {
      for (const svc of SERVICE_NAMES) {
        const rollout = byService(cr(run, "Rollout"), svc).inputs;
        const profile = env.workloads[svc];
        assert.deepEqual(crdErrors(rollout as never), [], `${svc} Rollout against the Argo Rollouts CRD`);
        assert.equal(rollout.spec.template.spec.containers[0].image.endsWith(`@${DIGESTS[svc]}`), true, "deployed by digest");
        if (profile.rollout.kind === "canary") {
          const weights = rollout.spec.strategy.canary.steps.filter((s: Obj) => "setWeight" in s).map((s: Obj) => s.setWeight);
          assert.deepEqual(weights, profile.rollout.steps);
          assert.equal(rollout.spec.strategy.canary.stableService, `${svc}-stable`);
          assert.equal(rollout.spec.strategy.canary.canaryService, `${svc}-canary`);
          assert.equal(Boolean(rollout.spec.strategy.canary.analysis), Boolean(profile.rollout.analysis));
          const expectedIngresses = { storefront: ["storefront"], api: ["api", "api-origin"], workers: [] }[svc];
          if (expectedIngresses.length === 0) {
            // No edge traffic: weighted by replica count, no traffic router.
            assert.equal(rollout.spec.strategy.canary.trafficRouting, undefined);
          } else {
            // Weighted at the ALB (docs/delivery.md, section 9): Argo Rollouts rewrites the action
            // named after the root Service on every Ingress that routes to the service.
            assert.deepEqual(rollout.spec.strategy.canary.trafficRouting, {
              alb: { ingresses: expectedIngresses, servicePort: 8080, rootService: svc },
            });
            const rolloutRes = byService(cr(run, "Rollout"), svc);
            for (const name of expectedIngresses) {
              const ingress = (ofType(run, "kubernetes:networking.k8s.io/v1:Ingress") as Res[]).find(
                (i) => i.inputs.metadata.name === name && i.inputs.metadata.namespace === svc,
              );
              assert.ok(ingress, `${svc}: Ingress ${name} in the Rollout's namespace`);
              assert.ok(rolloutRes.dependencies.includes(ingress.urn), `${svc}: the Rollout waits for Ingress ${name}`);
              const backend = ingress.inputs.spec.rules[0].http.paths[0].backend.service;
              assert.deepEqual(
                backend,
                { name: svc, port: { name: "use-annotation" } },
                `${name}: the rule forwards by the action`,
              );
              // Argo Rollouts owns the action once it has written it: Pulumi's apply forces instead of failing on the conflict.
              assert.equal(ingress.inputs.metadata.annotations["pulumi.com/patchForce"], "true");
              // What Argo Rollouts writes between updates: everything to stable, over the Services' port.
              assert.deepEqual(JSON.parse(ingress.inputs.metadata.annotations[`alb.ingress.kubernetes.io/actions.${svc}`]), {
                Type: "forward",
                ForwardConfig: {
                  TargetGroups: [
                    { ServiceName: `${svc}-canary`, ServicePort: "8080", Weight: 0 },
                    { ServiceName: `${svc}-stable`, ServicePort: "8080", Weight: 100 },
                  ],
                },
              });
            }
            for (const name of [`${svc}-stable`, `${svc}-canary`]) {
              const target = (ofType(run, "kubernetes:core/v1:Service") as Res[]).find(
                (s) => s.inputs.metadata.name === name && s.inputs.metadata.namespace === svc,
              );
              assert.ok(
                target?.inputs.spec.ports.some((p: Obj) => p.port === 8080 && p.name === "http"),
                `${name} serves the port the action forwards to`,
              );
            }
          }
          // The root Service (in-cluster DNS, metrics) selects both revisions.
          const root = (ofType(run, "kubernetes:core/v1:Service") as Res[]).find(
            (s) => s.inputs.metadata.name === svc && s.inputs.metadata.namespace === svc,
          );
          assert.deepEqual(
            root?.inputs.spec.selector,
            rollout.spec.selector.matchLabels,
            `${svc}: root Service selects every revision`,
          );
        } else {
          assert.equal(rollout.spec.strategy.blueGreen.activeService, svc);
          assert.equal(rollout.spec.strategy.blueGreen.previewService, `${svc}-preview`);
        }
        // The gate waits (and fails on abort); a waitFor condition here would only time out.
        assert.equal(rollout.metadata.annotations?.["pulumi.com/waitFor"], undefined);
      }
      // storefront and api canary with SLO analysis in every stack.
      for (const svc of ["storefront", "api"] as const) assert.equal(env.workloads[svc].rollout.kind, "canary");
    });

    it("makes `pulumi up` wait for each Rollout through a gate that fails on abort, within the profile's timeout", () => {
      const gates = run.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/b2b:RolloutGate") as Res[];
      assert.equal(gates.length, SERVICE_NAMES.length);
      for (const svc of SERVICE_NAMES) {
        const gate = byService(gates, svc);
        const rollout = byService(cr(run, "Rollout"), svc);
        assert.equal(gate.inputs.name, svc);
        assert.equal(gate.inputs.namespace, svc);
        assert.ok(gate.dependencies.includes(rollout.urn), `${svc}: the gate runs after the Rollout is applied`);
        const profile = env.workloads[svc];
        assert.equal(gate.inputs.timeoutSeconds, rolloutTimeoutSeconds(profile.rollout, profile.probes.startupSeconds));
        assert.match(gate.inputs.revision, /^[0-9a-f]{16}$/);
        assert.match(String(gate.inputs.__provider), /waitForRollout/, "the serialized provider carries the wait");
        assert.equal(gate.inputs.kubeconfig, SECRET_MASK, "the kubeconfig is a secret in state");
      }
    });

    it("analyses the new revision with PromQL that parses, against the SLO thresholds", () => {
      const templates = cr(run, "AnalysisTemplate");
      assert.deepEqual(templates.map((t) => t.inputs.metadata.name).sort(), ["api-slo", "storefront-slo"]);
      for (const t of templates) {
        assert.deepEqual(crdErrors(t.inputs as never), [], "AnalysisTemplate against its CRD");
        for (const m of t.inputs.spec.metrics) {
          assert.equal(m.failureLimit, 2, "the third failed measurement aborts (failed > failureLimit)");
          assertPromql(m.provider.prometheus.query.replaceAll("{{args.hash}}", "abc123"), m.name);
          assert.match(m.provider.prometheus.query, /rollouts_pod_template_hash="\{\{args\.hash\}\}"/);
        }
        const limits = t.inputs.spec.metrics.map((m: Obj) => m.successCondition);
        assert.deepEqual(limits, ["result[0] <= 0.01", "result[0] <= 0.5"]);
      }
    });

    it("runs pods under the restricted Pod Security Standard with probes, requests and zone spread", () => {
      for (const svc of SERVICE_NAMES) {
        const pod = byService(cr(run, "Rollout"), svc).inputs.spec.template.spec;
        const c = pod.containers[0];
        assert.equal(pod.securityContext.runAsNonRoot, true);
        assert.equal(pod.securityContext.runAsUser, RUN_AS_USER);
        assert.equal(pod.securityContext.seccompProfile.type, "RuntimeDefault");
        assert.equal(pod.automountServiceAccountToken, false);
        assert.equal(c.securityContext.readOnlyRootFilesystem, true);
        assert.equal(c.securityContext.allowPrivilegeEscalation, false);
        assert.deepEqual(c.securityContext.capabilities.drop, ["ALL"]);
        for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) assert.ok(c[probe]?.httpGet, `${svc} ${probe}`);
        assert.ok(c.resources.requests.cpu && c.resources.requests.memory && c.resources.limits.memory && c.resources.limits.cpu);
        assert.equal(c.resources.limits.memory, c.resources.requests.memory, "no memory overcommit");
        const zone = pod.topologySpreadConstraints.find((t: Obj) => t.topologyKey === "topology.kubernetes.io/zone");
        assert.equal(zone.whenUnsatisfiable, stack === "dev" ? "ScheduleAnyway" : "DoNotSchedule");
      }
    });

    it("runs each service as the flow table's service account, with an IAM role only where its flows call AWS", () => {
      const accounts = ofType(run, "kubernetes:core/v1:ServiceAccount") as Res[];
      for (const svc of SERVICE_NAMES) {
        assert.ok(COMMERCE_FLOWS[svc], `${svc} is a workload of the flow table`);
        const pod = byService(cr(run, "Rollout"), svc).inputs.spec.template.spec;
        const sa = accounts.filter(
          (a) => a.inputs.metadata.name === pod.serviceAccountName && a.inputs.metadata.namespace === svc,
        );
        assert.equal(sa.length, 1, `${svc}: exactly one service account ${pod.serviceAccountName} (the flow table's)`);
        const callsAws = COMMERCE_FLOWS[svc].egress.some((f) => f.kind === "aws" || f.kind === "database");
        assert.equal(Boolean(sa[0].inputs.metadata.annotations?.["eks.amazonaws.com/role-arn"]), callsAws);
        const metrics = pod.containers[0].ports.find((p: Obj) => p.name === "metrics");
        assert.equal(metrics.containerPort, METRICS_PORT, "metrics on the port the flow table admits Prometheus to");
      }
      for (const m of cr(run, "ServiceMonitor")) assert.equal(m.inputs.spec.endpoints[0].port, "metrics");
    });

    it("scales storefront and api on CPU, workers on queue depth, within the profile's bounds", () => {
      for (const svc of ["storefront", "api"] as const) {
        const hpa = (ofType(run, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler") as Res[]).find((r) => inService(r, svc));
        assert.ok(hpa, `${svc} HPA`);
        assert.equal(hpa.inputs.spec.minReplicas, env.workloads[svc].replicas.min);
        assert.equal(hpa.inputs.spec.maxReplicas, env.workloads[svc].replicas.max);
        assert.deepEqual(hpa.inputs.spec.scaleTargetRef, { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: svc });
      }
      const so = byService(cr(run, "ScaledObject"), "workers").inputs;
      assert.deepEqual(crdErrors(so as never), [], "ScaledObject against the KEDA CRD");
      assert.equal(so.spec.triggers[0].type, "prometheus");
      assertPromql(so.spec.triggers[0].metadata.query, "workers trigger");
      assert.equal(so.spec.maxReplicaCount, env.workloads.workers.replicas.max);
    });

    it("keeps one pod per service through voluntary disruptions where it runs more than one", () => {
      for (const svc of SERVICE_NAMES) {
        const pdb = (ofType(run, "kubernetes:policy/v1:PodDisruptionBudget") as Res[]).find((r) => inService(r, svc));
        assert.ok(pdb);
        assert.equal(pdb.inputs.spec.maxUnavailable, env.workloads[svc].replicas.min > 1 ? 1 : "100%");
      }
    });

    it("points the edge's Ingresses at Services that exist, on the ports their actions forward to", () => {
      const services = ofType(run, "kubernetes:core/v1:Service") as Res[];
      const ingresses = ofType(run, "kubernetes:networking.k8s.io/v1:Ingress") as Res[];
      assert.equal(ingresses.length, 3);
      for (const ingress of ingresses) {
        const ns = ingress.inputs.metadata.namespace;
        const service = (name: string) =>
          services.find((s) => s.inputs.metadata.name === name && s.inputs.metadata.namespace === ns);
        const backend = ingress.inputs.spec.rules[0].http.paths[0].backend.service;
        assert.ok(service(backend.name), `${ns}/${ingress.inputs.metadata.name}: root Service ${backend.name}`);
        const action = JSON.parse(ingress.inputs.metadata.annotations[`alb.ingress.kubernetes.io/actions.${backend.name}`]);
        for (const tg of action.ForwardConfig.TargetGroups) {
          const target = service(tg.ServiceName);
          assert.ok(target, `${ns}: Service ${tg.ServiceName} for the ALB's target group`);
          assert.ok(
            target.inputs.spec.ports.some((p: Obj) => String(p.port) === tg.ServicePort),
            `${tg.ServiceName}:${tg.ServicePort}`,
          );
        }
      }
    });

    it("syncs only the declared secrets, from secrets the program creates under the stack's prefix", () => {
      const externals = cr(run, "ExternalSecret");
      const declared = SERVICE_NAMES.flatMap((s) => env.workloads[s].secrets.map((x) => `${s}/${x.name}`));
      assert.ok(declared.length > 0, "the profile declares secrets");
      assert.deepEqual(externals.map((e) => `${e.inputs.metadata.namespace}/${e.inputs.metadata.name}`).sort(), declared.sort());
      const secrets = (ofType(run, "aws:secretsmanager/secret:Secret") as Res[]).filter((s) =>
        s.urn.includes("b2b:platform:Service$"),
      );
      for (const e of externals) {
        assert.deepEqual(crdErrors(e.inputs as never), [], "ExternalSecret against its CRD");
        const key = e.inputs.spec.dataFrom[0].extract.key;
        assert.match(key, new RegExp(`^b2b-commerce/${stack}/`));
        const secret = secrets.find((s) => s.inputs.name === key);
        assert.ok(secret, `${key} is created by the program`);
        assert.match(secret.inputs.kmsKeyId, /^arn:aws:kms:/);
      }
    });

    it(`admits only images signed by the image workflow (${env.admissionMode})`, () => {
      const [policy] = cr(run, "ClusterPolicy");
      assert.deepEqual(crdErrors(policy.inputs as never), [], "ClusterPolicy against the Kyverno CRD");
      const verify = policy.inputs.spec.rules[0].verifyImages[0];
      assert.equal(verify.failureAction, stack === "dev" ? "Audit" : "Enforce");
      assert.deepEqual(policy.inputs.spec.rules[0].match.any[0].resources.namespaces, [...SERVICE_NAMES]);
      assert.deepEqual(verify.imageReferences, [`111122223333.dkr.ecr.eu-central-1.amazonaws.com/b2b-commerce-${stack}/*`]);
      const subject = new RegExp(verify.attestors[0].entries[0].keyless.subjectRegExp);
      const signer = "https://github.com/example-org/b2b-commerce-platform/.github/workflows/image.yml";
      assert.ok(subject.test(`${signer}@refs/heads/main`));
      assert.ok(!subject.test(`${signer}@refs/heads/feature`), "a branch run cannot sign deployable images");
      assert.ok(!subject.test(signer.replace("example-org", "evil-org") + "@refs/heads/main"), "another repository cannot");
      const store = cr(run, "ClusterSecretStore")[0];
      assert.deepEqual(crdErrors(store.inputs as never), [], "ClusterSecretStore against its CRD");
    });

    it("passes the pack's Kyverno checks in its mode: Audit only where the stack's pack config allows it", async () => {
      const config = JSON.parse(fs.readFileSync(path.join(ROOT, "stacks", `${stack}.policy.json`), "utf8")) as PackConfig;
      const [policy] = cr(run, "ClusterPolicy");
      const entry = config[kyvernoEnforceAction.name];
      const stackConfig = typeof entry === "object" ? { auditAllowed: entry.auditAllowed } : {};
      const asConfigured = await analyze(
        kyvernoEnforceAction,
        { type: policy.type, props: policy.inputs },
        { config: stackConfig },
      );
      assert.deepEqual(asConfigured.violations, []);
      // Held to Enforce (staging's and prod's config), dev's Audit policy is refused: the mode is a stack decision.
      const strict = await analyze(kyvernoEnforceAction, { type: policy.type, props: policy.inputs });
      assert.equal(strict.violations.length > 0, stack === "dev", strict.violations.join("; "));
      // Every Rollout's image is verified by the policy, in its own namespace.
      const resources = run.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs }));
      assert.equal(cr(run, "Rollout").length, SERVICE_NAMES.length);
      assert.deepEqual((await analyzeStack(kyvernoWorkloadCoverage, resources)).violations, []);
      // Planted: a Rollout in a namespace the policy does not cover is reported.
      const stray = structuredClone(resources.find((r) => r.type.endsWith(":Rollout"))!);
      (stray.props.metadata as Obj).namespace = "payments";
      const planted = await analyzeStack(kyvernoWorkloadCoverage, [...resources, { ...stray, urn: `${stray.urn}-stray` }]);
      assert.equal(planted.violations.length, 1, planted.violations.join("; "));
    });

    it("installs the controllers from pinned charts", () => {
      const releases = (ofType(run, "kubernetes:helm.sh/v3:Release") as Res[]).filter((r) =>
        r.urn.includes("b2b:platform:Delivery$"),
      );
      assert.deepEqual(
        releases.map((r) => [r.inputs.chart, r.inputs.version]).sort(),
        Object.values(DELIVERY_CHARTS)
          .map((c) => [c.chart, c.version])
          .sort(),
      );
    });

    it("passes the policy pack with no mandatory violation", async () => {
      const config = JSON.parse(fs.readFileSync(path.join(ROOT, "stacks", `${stack}.policy.json`), "utf8")) as PackConfig;
      const policies = configurePack(allPolicies, config);
      const golden = run.resources.filter((r) => /b2b:platform:(Service|Delivery)\$/.test(r.urn));
      const mandatory: string[] = [];
      for (const r of golden) {
        const result = await analyzeWith(policies, {
          type: r.type,
          name: r.name,
          urn: r.urn,
          props: r.inputs,
          protect: r.protect,
        });
        for (const d of result.diagnostics)
          if (d.enforcementLevel === "mandatory") mandatory.push(`${r.name}: ${d.policyName} ${d.message}`);
      }
      assert.deepEqual(mandatory, []);
    });
  });
}

describe("service golden path: first deploy without images", () => {
  it("creates the repositories and Services but no Rollout until the image workflow sets a digest", async () => {
    const run = await stackRun("staging");
    assert.equal(ofType(run, "aws:ecr/repository:Repository").length, SERVICE_NAMES.length);
    assert.equal(cr(run, "Rollout").length, 0);
    assert.ok(ofType(run, "kubernetes:core/v1:Service").length >= SERVICE_NAMES.length);
  });
});
