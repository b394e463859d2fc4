import * as pulumi from "@pulumi/pulumi";

/** The platform's stacks, in promotion order (the deploy workflow's order). */
export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface GithubConfig {
  /** Organisation (or user) that owns the repository. */
  owner: string;
  repository: string;
  /** Numeric ids for the immutable OIDC subject form `repo:<owner>@<ownerId>/<repo>@<repositoryId>:...`. */
  ownerId?: string;
  repositoryId?: string;
  /** This stack manages the repository-wide settings (default-branch ruleset). Exactly one stack should. */
  manageRepository: boolean;
  /** GitHub team ids whose approval a prod deploy waits for (at most 6 reviewers in total). */
  prodReviewerTeamIds: number[];
  prodReviewerUserIds: number[];
  /** An existing GitHub OIDC provider of the account (one per account and URL); omitted: create it. */
  oidcProviderArn?: string;
}

export interface BootstrapConfig {
  stack: string;
  region: string;
  owner: string;
  costCenter: string;
  /** The platform environments whose stacks live in this account: one (recommended) or all three. */
  environments: Environment[];
  /** The platform's Pulumi project, whose state paths and resource names the roles are scoped to. */
  platformProject: string;
  github: GithubConfig;
  /** Create the CodeArtifact domain and npm repository in this account (one account is enough). */
  codeArtifact: boolean;
  /** The state bucket's name (globally unique); default `<github.owner>-pulumi-state-<stack>`. */
  stateBucketName: string;
  /** Protect the state bucket and the keys from deletion (default: true). */
  protect: boolean;
}

/** A bad config value: names the stack, the key, the value and what is allowed. */
export class BootstrapConfigError extends Error {
  name = "BootstrapConfigError";
  constructor(stack: string, key: string, value: unknown, allowed: string) {
    super(`stack "${stack}": config "b2b-commerce-bootstrap:${key}" is ${JSON.stringify(value)}; ${allowed}`);
  }
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,99})$/;
const NUMERIC = /^[1-9][0-9]*$/;

/** Reads and validates the bootstrap config once, before any resource is registered. */
export function readConfig(): BootstrapConfig {
  const c = new pulumi.Config();
  const stack = pulumi.getStack();
  const fail = (key: string, value: unknown, allowed: string): never => {
    throw new BootstrapConfigError(stack, key, value, allowed);
  };
  const region = c.require("region");
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) fail("region", region, "expected an AWS region such as eu-central-1");

  const environments = c.requireObject<unknown>("environments");
  if (!Array.isArray(environments) || environments.length === 0)
    fail("environments", environments, `expected a non-empty list of ${ENVIRONMENTS.join(", ")}`);
  for (const e of environments as unknown[])
    if (!ENVIRONMENTS.includes(e as Environment))
      fail("environments", environments, `each must be one of ${ENVIRONMENTS.join(", ")}`);
  if (new Set(environments as string[]).size !== (environments as string[]).length)
    fail("environments", environments, "each environment at most once");

  const g = c.requireObject<Record<string, unknown>>("github");
  for (const k of ["owner", "repository"] as const)
    if (typeof g[k] !== "string" || !NAME.test(g[k] as string))
      fail(`github.${k}`, g[k], "expected a GitHub owner/repository name");
  for (const k of ["ownerId", "repositoryId"] as const)
    if (g[k] !== undefined && (typeof g[k] !== "string" || !NUMERIC.test(g[k] as string)))
      fail(`github.${k}`, g[k], 'expected the numeric id as a string, e.g. "123456"');
  if ((g.ownerId === undefined) !== (g.repositoryId === undefined))
    fail("github.ownerId", g.ownerId, "set both github.ownerId and github.repositoryId, or neither");
  const ids = (k: string): number[] => {
    const v = g[k] ?? [];
    if (!Array.isArray(v) || v.some((x) => !Number.isInteger(x) || (x as number) <= 0))
      fail(`github.${k}`, v, "expected a list of numeric ids");
    return v as number[];
  };
  const teams = ids("prodReviewerTeamIds");
  const users = ids("prodReviewerUserIds");
  const manageRepository = g.manageRepository === true;
  if ((environments as string[]).includes("prod") && teams.length + users.length === 0)
    fail(
      "github.prodReviewerTeamIds",
      teams,
      "the stack that hosts prod needs at least one reviewer (team or user id) for the prod environment",
    );
  if (teams.length + users.length > 6)
    fail("github.prodReviewerTeamIds", teams, "GitHub allows at most 6 reviewers per environment");
  if (
    g.oidcProviderArn !== undefined &&
    !/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/.test(String(g.oidcProviderArn))
  )
    fail(
      "github.oidcProviderArn",
      g.oidcProviderArn,
      "expected arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com",
    );

  const platformProject = c.get("platformProject") ?? "b2b-commerce";
  const stateBucketName = c.get("stateBucketName") ?? `${String(g.owner).toLowerCase()}-pulumi-state-${stack}`;
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(stateBucketName) || stateBucketName.length > 50)
    fail(
      "stateBucketName",
      stateBucketName,
      "expected 3-50 lower-case letters, digits and hyphens (the access-log bucket adds a suffix)",
    );

  return {
    stack,
    region,
    owner: c.require("owner"),
    costCenter: c.require("costCenter"),
    environments: environments as Environment[],
    platformProject,
    github: {
      owner: g.owner as string,
      repository: g.repository as string,
      ownerId: g.ownerId as string | undefined,
      repositoryId: g.repositoryId as string | undefined,
      manageRepository,
      prodReviewerTeamIds: teams,
      prodReviewerUserIds: users,
      oidcProviderArn: g.oidcProviderArn as string | undefined,
    },
    codeArtifact: c.getBoolean("codeArtifact") ?? false,
    stateBucketName,
    protect: c.getBoolean("protect") ?? true,
  };
}
