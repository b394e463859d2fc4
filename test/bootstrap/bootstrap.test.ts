import { strict as assert } from "node:assert";
import * as path from "node:path";
import { ENVIRONMENTS } from "../../bootstrap/config";
import { REQUIRED_CHECKS } from "../../bootstrap/github";
import { MODULE_SERVICES, SERVICE_ACTIONS } from "../../bootstrap/permissions";
import { ofType, RegisteredResource, ROOT, runStack, StackRun } from "../../tools/harness";
import { plan } from "../../tools/plan";
import { checkNames, loadActionsFiles } from "../delivery/workflow-rules";
import { stackRun, STACKS } from "../support/stacks";
import { evaluate } from "./iam-simulator";

const BOOTSTRAP = path.join(ROOT, "bootstrap");
const SHARED = path.join(ROOT, "test", "fixtures", "bootstrap", "Pulumi.shared.yaml");
const ACCOUNT = "111122223333";
const ISSUER = "token.actions.githubusercontent.com";

/** The layouts: one account per environment (the committed stacks) and one shared account (fixture). */
const LAYOUTS = [
  ...ENVIRONMENTS.map((env) => ({ stack: env, stackFile: undefined as string | undefined, environments: [env] as string[] })),
  { stack: "shared", stackFile: SHARED, environments: [...ENVIRONMENTS] as string[] },
];

const runs = new Map<string, StackRun>();
before(async function () {
  this.timeout(120_000);
  for (const l of LAYOUTS) runs.set(l.stack, await runStack(l.stack, { projectDir: BOOTSTRAP, stackFile: l.stackFile }));
});

interface Doc {
  Statement: {
    Sid?: string;
    Effect: string;
    Principal?: { Federated?: string };
    Action: string | string[];
    Resource?: unknown;
    Condition?: Record<string, Record<string, unknown>>;
  }[];
}
const doc = (v: unknown): Doc => JSON.parse(String(v)) as Doc;
const role = (run: StackRun, name: string): RegisteredResource => {
  const r = ofType(run, "aws:iam/role:Role").find((x) => x.inputs.name === name);
  if (!r) throw new Error(`${run.stack}: no role ${name}`);
  return r;
};
const deployPolicies = (run: StackRun, env: string) =>
  ofType(run, "aws:iam/policy:Policy")
    .filter((p) => String(p.inputs.name).startsWith(`b2b-commerce-ci-${env}-deploy-`))
    .map((p) => doc(p.inputs.policy));

/** Whether GitHub's token with this `sub` (and `aud`) may assume the role, per AWS's evaluation rules. */
function canAssume(trustPolicy: unknown, sub: string, aud = "sts.amazonaws.com"): boolean {
  const trust = doc(trustPolicy);
  const principal = String(trust.Statement[0].Principal?.Federated);
  return (
    evaluate({
      principal,
      action: "sts:AssumeRoleWithWebIdentity",
      resource: `arn:aws:iam::${ACCOUNT}:role/ci/x`,
      accountId: ACCOUNT,
      context: { [`${ISSUER}:sub`]: sub, [`${ISSUER}:aud`]: aud },
      resourcePolicy: trust,
    }) === "Allowed"
  );
}

describe("bootstrap program (bootstrap/)", () => {
  for (const l of LAYOUTS) {
    describe(`stack ${l.stack} (${l.environments.length === 1 ? "account per environment" : "one shared account"})`, () => {
      const run = () => runs.get(l.stack)!;

      it("the state bucket is versioned, KMS-encrypted, private, TLS-only, access-logged and protected", () => {
        const r = run();
        const bucket = ofType(r, "aws:s3/bucket:Bucket").find((b) => b.name === "state")!;
        assert.ok(bucket.protect, "state bucket protected");
        assert.equal(bucket.inputs.forceDestroy, false);
        assert.equal(
          (
            ofType(r, "aws:s3/bucketVersioning:BucketVersioning").find((x) => x.name === "state-versioning")!.inputs
              .versioningConfiguration as { status: string }
          ).status,
          "Enabled",
        );
        const sse = ofType(r, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").find(
          (x) => x.name === "state-encryption",
        )!;
        const rule = (
          sse.inputs.rules as { applyServerSideEncryptionByDefault: { sseAlgorithm: string; kmsMasterKeyId: string } }[]
        )[0];
        assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
        assert.match(rule.applyServerSideEncryptionByDefault.kmsMasterKeyId, /^arn:aws:kms:/);
        const pab = ofType(r, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").find(
          (x) => x.name === "state-public-access-block",
        )!;
        for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"])
          assert.equal(pab.inputs[k], true, k);
        const policy = doc(ofType(r, "aws:s3/bucketPolicy:BucketPolicy").find((x) => x.name === "state-policy")!.inputs.policy);
        assert.ok(
          policy.Statement.some(
            (s) => s.Effect === "Deny" && JSON.stringify(s.Condition) === '{"Bool":{"aws:SecureTransport":"false"}}',
          ),
        );
        const logging = ofType(r, "aws:s3/bucketLogging:BucketLogging")[0];
        assert.equal(logging.inputs.bucket, bucket.inputs.bucket);
        assert.equal(logging.inputs.targetBucket, `${bucket.inputs.bucket}-access-logs`);
      });

      it("one rotating awskms:// secrets key per environment, and the backend URL and secrets providers as outputs", () => {
        const r = run();
        const aliases = ofType(r, "aws:kms/alias:Alias").map((a) => a.inputs.name);
        for (const env of l.environments) assert.ok(aliases.includes(`alias/b2b-commerce-${env}-pulumi-secrets`), env);
        for (const k of ofType(r, "aws:kms/key:Key")) assert.equal(k.inputs.enableKeyRotation, true);
        assert.match(String(r.outputs.backendUrl), /^s3:\/\/[a-z0-9-]+\?region=eu-central-1&awssdk=v2$/);
        const envs = r.outputs.environments as Record<string, { secretsProvider: string }>;
        assert.deepEqual(Object.keys(envs).sort(), [...l.environments].sort());
        for (const env of l.environments)
          assert.match(envs[env].secretsProvider, new RegExp(`^awskms://alias/b2b-commerce-${env}-pulumi-secrets\\?region=`));
      });

      it("no IAM user, and no Allow of iam:* or * on every resource", () => {
        const r = run();
        assert.equal(ofType(r, "aws:iam/user:User").length, 0);
        const docs = [
          ...ofType(r, "aws:iam/policy:Policy").map((p) => doc(p.inputs.policy)),
          ...ofType(r, "aws:iam/rolePolicy:RolePolicy").map((p) => doc(p.inputs.policy)),
        ];
        for (const d of docs)
          for (const s of d.Statement.filter((x) => x.Effect === "Allow")) {
            const actions = ([] as string[]).concat(s.Action);
            assert.ok(!actions.some((a) => a === "*" || /^iam:\*$/i.test(a) || /:\*$/.test(a)), `${s.Sid}: ${actions.join(",")}`);
            if (actions.some((a) => a.startsWith("iam:") && !/^iam:(Get|List)/.test(a)))
              assert.notEqual(s.Resource, "*", `${s.Sid}: IAM changes on *`);
          }
      });

      for (const env of l.environments) {
        describe(`environment ${env}: OIDC trust, proven with the IAM policy simulator`, () => {
          const repo = "repo:b2b-commerce/platform";
          it("the deploy role: only this repository's environment, never a pull request, a branch, another environment or repository", () => {
            const trust = role(run(), `b2b-commerce-ci-${env}-deploy`).inputs.assumeRolePolicy;
            assert.equal(canAssume(trust, `${repo}:environment:${env}`), true);
            assert.equal(canAssume(trust, `${repo}:pull_request`), false);
            assert.equal(canAssume(trust, `${repo}:ref:refs/heads/main`), false);
            for (const other of ENVIRONMENTS.filter((e) => e !== env))
              assert.equal(canAssume(trust, `${repo}:environment:${other}`), false);
            assert.equal(canAssume(trust, `repo:attacker/platform:environment:${env}`), false);
            assert.equal(canAssume(trust, `repo:b2b-commerce/platform-fork:environment:${env}`), false);
            assert.equal(
              canAssume(trust, `${repo}:environment:${env}`, "https://github.com/b2b-commerce"),
              false,
              "wrong audience",
            );
            // The immutable form, where the ids are configured.
            if (l.stack !== "shared") {
              assert.equal(canAssume(trust, `repo:b2b-commerce@100000001/platform@200000002:environment:${env}`), true);
              assert.equal(canAssume(trust, `repo:b2b-commerce@999/platform@200000002:environment:${env}`), false);
            }
          });
          it("the preview role: only this repository's pull requests; the drift role: only main", () => {
            const preview = role(run(), `b2b-commerce-ci-${env}-preview`).inputs.assumeRolePolicy;
            assert.equal(canAssume(preview, `${repo}:pull_request`), true);
            assert.equal(canAssume(preview, `${repo}:environment:${env}`), false);
            assert.equal(canAssume(preview, `${repo}:ref:refs/heads/main`), false);
            assert.equal(canAssume(preview, "repo:attacker/platform:pull_request"), false);
            const drift = role(run(), `b2b-commerce-ci-${env}-drift`).inputs.assumeRolePolicy;
            assert.equal(canAssume(drift, `${repo}:ref:refs/heads/main`), true);
            assert.equal(canAssume(drift, `${repo}:ref:refs/heads/feature`), false);
            assert.equal(canAssume(drift, `${repo}:pull_request`), false);
          });
          it("a planted wildcard subject would let a pull request assume the deploy role (the simulator is not vacuous)", () => {
            const trust = doc(role(run(), `b2b-commerce-ci-${env}-deploy`).inputs.assumeRolePolicy);
            const planted = {
              ...trust,
              Statement: trust.Statement.map((s) => ({
                ...s,
                Condition: {
                  StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" },
                  StringLike: { [`${ISSUER}:sub`]: `${repo}:*` },
                },
              })),
            };
            assert.equal(canAssume(JSON.stringify(planted), `${repo}:pull_request`), true);
          });

          it("the deploy role manages the environment's IAM names only, and cannot touch the CI roles or another environment's", async () => {
            const policies = deployPolicies(run(), env);
            assert.ok(policies.length >= 1);
            const can = (action: string, resource: string, context: Record<string, string> = {}) =>
              evaluate({
                principal: `arn:aws:iam::${ACCOUNT}:role/ci/b2b-commerce-ci-${env}-deploy`,
                action,
                resource,
                accountId: ACCOUNT,
                identityPolicies: policies,
                context,
              }) === "Allowed";
            // Every IAM role the platform's stack for this environment creates (a real program run).
            const platform = await stackRun(env as (typeof STACKS)[number]);
            const roleNames = ofType(platform, "aws:iam/role:Role")
              .map((r) => String(r.inputs.name))
              .map((n) => n.replace(/-prod-|-staging-|-dev-/, `-${env}-`));
            assert.ok(roleNames.length > 5);
            for (const n of roleNames)
              assert.ok(can("iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/${n}`), `iam:CreateRole ${n}`);
            assert.equal(
              can("iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/ci/b2b-commerce-ci-${env}-deploy`),
              false,
              "own CI role",
            );
            assert.equal(
              can("iam:UpdateAssumeRolePolicy", `arn:aws:iam::${ACCOUNT}:role/ci/b2b-commerce-ci-${env}-deploy`),
              false,
            );
            assert.equal(can("iam:CreateUser", `arn:aws:iam::${ACCOUNT}:user/b2b-commerce-${env}-x`), false, "IAM user");
            const other = ENVIRONMENTS.find((e) => e !== env)!;
            assert.equal(
              can("iam:PutRolePolicy", `arn:aws:iam::${ACCOUNT}:role/b2b-commerce-${other}-eks-node`),
              false,
              "other environment's role",
            );
            assert.equal(
              can("iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/b2b-commerce-${env}-eks-node`, {
                "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess",
              }),
              false,
              "admin policy",
            );
            assert.equal(
              can("ec2:TerminateInstances", `arn:aws:ec2:eu-central-1:${ACCOUNT}:instance/i-1`, {
                "aws:ResourceTag/Environment": other,
              }),
              false,
              "resource tagged for another environment",
            );
            assert.equal(
              can("ec2:DeleteVpc", `arn:aws:ec2:eu-central-1:${ACCOUNT}:vpc/vpc-1`, { "aws:ResourceTag/Environment": env }),
              true,
            );
          });
        });
      }
    });
  }

  it("no trust policy anywhere has a wildcard in sub, uses StringLike for sub, or omits aud", () => {
    for (const r of runs.values())
      for (const ro of ofType(r, "aws:iam/role:Role")) {
        for (const s of doc(ro.inputs.assumeRolePolicy).Statement) {
          const eq = s.Condition?.StringEquals ?? {};
          assert.ok(!("StringLike" in (s.Condition ?? {})), `${ro.inputs.name}: StringLike`);
          assert.equal(eq[`${ISSUER}:aud`], "sts.amazonaws.com", `${ro.inputs.name}: aud`);
          const sub = eq[`${ISSUER}:sub`];
          assert.equal(typeof sub, "string", `${ro.inputs.name}: one exact sub per statement`);
          assert.doesNotMatch(String(sub), /[*?]/, `${ro.inputs.name}: ${sub}`);
        }
      }
  });

  it("the deploy roles cover every AWS service the platform's stacks create", async function () {
    this.timeout(240_000); // three full program runs when no other test file ran them first
    for (const stack of STACKS) {
      const run = await stackRun(stack);
      const modules = new Set(
        run.resources
          .filter((r) => r.type.startsWith("aws:") && !r.type.startsWith("aws:iam/"))
          .map((r) => r.type.split(":")[1].split("/")[0]),
      );
      for (const m of modules) {
        const services = MODULE_SERVICES[m];
        assert.ok(
          services,
          `${stack}: AWS module "${m}" has no entry in bootstrap/permissions.ts MODULE_SERVICES (the deploy role could not create it)`,
        );
        for (const s of services)
          assert.ok(SERVICE_ACTIONS[s]?.includes("Create*") || SERVICE_ACTIONS[s]?.includes("Put*"), `${m} -> ${s}`);
      }
    }
  });

  describe("GitHub repository rules", () => {
    it("the default-branch ruleset (once, where manageRepository): PR, one approval, code owners, stale reviews dismissed, the PR workflow's checks, linear, no force push or deletion", () => {
      const prod = ofType(runs.get("prod")!, "github:index/repositoryRuleset:RepositoryRuleset");
      assert.equal(prod.length, 1);
      for (const s of ["dev", "staging"])
        assert.equal(ofType(runs.get(s)!, "github:index/repositoryRuleset:RepositoryRuleset").length, 0, s);
      const r = prod[0].inputs as {
        target: string;
        enforcement: string;
        conditions: { refName: { includes: string[] } };
        rules: Record<string, unknown>;
      };
      assert.equal(r.target, "branch");
      assert.equal(r.enforcement, "active");
      assert.deepEqual(r.conditions.refName.includes, ["~DEFAULT_BRANCH"]);
      assert.equal(r.rules.deletion, true);
      assert.equal(r.rules.nonFastForward, true);
      assert.equal(r.rules.requiredLinearHistory, true);
      const pr = r.rules.pullRequest as Record<string, unknown>;
      assert.equal(pr.requiredApprovingReviewCount, 1);
      assert.equal(pr.requireCodeOwnerReview, true);
      assert.equal(pr.dismissStaleReviewsOnPush, true);
      const checks = (r.rules.requiredStatusChecks as { requiredChecks: { context: string }[] }).requiredChecks.map(
        (c) => c.context,
      );
      const prWorkflow = loadActionsFiles().find((f) => f.file.endsWith(path.join("workflows", "pr.yml")))!;
      assert.deepEqual(checks, checkNames(prWorkflow));
      assert.deepEqual(REQUIRED_CHECKS, checkNames(prWorkflow));
    });

    it("environments: prod needs a reviewer (no self-review, no admin bypass); every environment deploys from main only", () => {
      for (const r of runs.values()) {
        const envs = ofType(r, "github:index/repositoryEnvironment:RepositoryEnvironment");
        const policies = ofType(r, "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy");
        for (const e of envs) {
          const i = e.inputs as {
            environment: string;
            reviewers?: { teams?: number[]; users?: number[] }[];
            preventSelfReview?: boolean;
            canAdminsBypass?: boolean;
            deploymentBranchPolicy: { customBranchPolicies: boolean };
          };
          assert.equal(i.deploymentBranchPolicy.customBranchPolicies, true);
          assert.ok(
            policies.some((p) => p.inputs.environment === i.environment && p.inputs.branchPattern === "main"),
            `${i.environment} main only`,
          );
          if (i.environment === "prod") {
            const n = (i.reviewers ?? []).reduce((k, x) => k + (x.teams?.length ?? 0) + (x.users?.length ?? 0), 0);
            assert.ok(n >= 1 && n <= 6, "prod reviewers");
            assert.equal(i.preventSelfReview, true);
            assert.equal(i.canAdminsBypass, false);
          }
        }
      }
    });

    it("the variables carry every field the workflows read from PULUMI_STACK_<ENV> and CODEARTIFACT", () => {
      const used = new Set<string>();
      for (const f of loadActionsFiles())
        for (const m of f.text.matchAll(/fromJSON\((?:env\.STACK|inputs\.codeartifact)\)\.(\w+)/g)) used.add(m[1]);
      const codeArtifactFields = new Set([
        ...loadActionsFiles().flatMap((f) => [...f.text.matchAll(/jq -r \.(\w+)/g)].map((m) => m[1])),
      ]);
      for (const r of runs.values())
        for (const v of ofType(r, "github:index/actionsVariable:ActionsVariable")) {
          const value = JSON.parse(String(v.inputs.value)) as Record<string, unknown>;
          const fields =
            v.inputs.variableName === "CODEARTIFACT"
              ? new Set([...codeArtifactFields, "roleArn", "region"])
              : new Set([...used].filter((u) => u !== "roleArn"));
          for (const f of fields) assert.ok(value[f], `${r.stack} ${v.inputs.variableName}.${f}`);
        }
      assert.ok(used.has("deployRoleArn") && used.has("previewRoleArn") && used.has("driftRoleArn") && used.has("backendUrl"));
    });
  });

  describe("config validation (before any resource)", () => {
    it("names the stack, key, value and what is allowed", async () => {
      await assert.rejects(
        runStack("prod", { projectDir: BOOTSTRAP, config: { environments: '["qa"]' } }),
        /stack "prod": config "b2b-commerce-bootstrap:environments" is \["qa"\]; each must be one of dev, staging, prod/,
      );
      await assert.rejects(
        runStack("prod", { projectDir: BOOTSTRAP, config: { github: '{"owner":"b2b-commerce","repository":"platform"}' } }),
        /github.prodReviewerTeamIds.*needs at least one reviewer/,
      );
    });
  });

  describe("the policy pack (offline plan, bootstrap/policy.json)", () => {
    for (const l of [LAYOUTS[2], LAYOUTS[3]]) {
      it(`stack ${l.stack}: no mandatory violation; the only advisories are the deploy role's writes and reads on "*"`, async function () {
        this.timeout(120_000);
        const { document } = await plan({ stack: l.stack, projectDir: BOOTSTRAP, stackFile: l.stackFile });
        const mandatory = document.diagnostics.filter((d) => d.level === "mandatory");
        assert.deepEqual(
          mandatory.map((d) => `${d.policy}: ${d.message}`),
          [],
        );
        const advisory = new Set(document.diagnostics.filter((d) => d.level === "advisory").map((d) => d.policy));
        // The deploy role deploys every service of the platform, so it changes and reads resources
        // whose ARNs the bootstrap program cannot know.
        assert.deepEqual([...advisory].sort(), [
          "aws-iam-policy-disallow-wildcard-resource-on-secret-reads",
          "aws-iam-policy-disallow-wildcard-resource-on-write",
        ]);
      });
    }
  });
});
