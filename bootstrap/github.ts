import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import { BootstrapConfig, Environment } from "./config";

/**
 * The status checks the default-branch ruleset requires: the jobs of .github/workflows/pr.yml as
 * GitHub names them (test/bootstrap/bootstrap.test.ts holds this list against that file).
 */
export const REQUIRED_CHECKS = ["check", "test", "policy-pack", "preview (dev)", "preview (staging)", "preview (prod)"];

/** What the workflows read about one platform stack (repository variable PULUMI_STACK_<ENV>, JSON). */
export interface StackVariable {
  backendUrl: pulumi.Input<string>;
  region: string;
  secretsProvider: pulumi.Input<string>;
  previewRoleArn: pulumi.Input<string>;
  driftRoleArn: pulumi.Input<string>;
  deployRoleArn: pulumi.Input<string>;
}

export interface RepositoryRulesArgs {
  config: BootstrapConfig;
  stacks: Partial<Record<Environment, StackVariable>>;
  codeArtifact?: {
    domain: pulumi.Input<string>;
    owner: pulumi.Input<string>;
    repository: pulumi.Input<string>;
    roleArn: pulumi.Input<string>;
  };
  provider: github.Provider;
  parent: pulumi.Resource;
}

/**
 * The repository's rules as code. Per platform environment of this account: the GitHub environment
 * (deployments from main only; prod waits for a reviewer, who may not be the one who pushed, and
 * admins cannot skip the wait) and the PULUMI_STACK_<ENV> variable. Once per repository
 * (`github.manageRepository`): the default-branch ruleset and the `drift` label.
 *
 * Required reviewers on environments of private repositories need GitHub Enterprise (Free, Pro and
 * Team have them on public repositories only); see docs/delivery.md.
 */
export function repositoryRules(a: RepositoryRulesArgs): void {
  const { config } = a;
  const repository = config.github.repository;
  const opts = { parent: a.parent, provider: a.provider };

  for (const [env, stack] of Object.entries(a.stacks) as [Environment, StackVariable][]) {
    const isProd = env === "prod";
    const environment = new github.RepositoryEnvironment(
      `env-${env}`,
      {
        repository,
        environment: env,
        deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
        ...(isProd
          ? {
              reviewers: [{ teams: config.github.prodReviewerTeamIds, users: config.github.prodReviewerUserIds }],
              preventSelfReview: true,
              canAdminsBypass: false,
            }
          : {}),
      },
      opts,
    );
    new github.RepositoryEnvironmentDeploymentPolicy(
      `env-${env}-main-only`,
      { repository, environment: environment.environment, branchPattern: "main" },
      opts,
    );
    new github.ActionsVariable(
      `stack-${env}`,
      {
        repository,
        variableName: `PULUMI_STACK_${env.toUpperCase()}`,
        value: pulumi.jsonStringify(stack),
      },
      opts,
    );
  }

  if (a.codeArtifact) {
    new github.ActionsVariable(
      "codeartifact",
      { repository, variableName: "CODEARTIFACT", value: pulumi.jsonStringify({ ...a.codeArtifact, region: config.region }) },
      opts,
    );
  }

  if (!config.github.manageRepository) return;
  new github.RepositoryRuleset(
    "default-branch",
    {
      repository,
      name: "default-branch",
      target: "branch",
      enforcement: "active",
      conditions: { refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] } },
      rules: {
        deletion: true,
        nonFastForward: true,
        requiredLinearHistory: true,
        pullRequest: {
          requiredApprovingReviewCount: 1,
          requireCodeOwnerReview: true,
          dismissStaleReviewsOnPush: true,
          requireLastPushApproval: true,
          requiredReviewThreadResolution: true,
          allowedMergeMethods: ["squash", "rebase"],
        },
        requiredStatusChecks: {
          strictRequiredStatusChecksPolicy: true,
          requiredChecks: REQUIRED_CHECKS.map((context) => ({ context })),
        },
      },
    },
    opts,
  );
  new github.IssueLabel(
    "drift-label",
    { repository, name: "drift", color: "d93f0b", description: "Infrastructure drift found by the drift workflow" },
    opts,
  );
}
