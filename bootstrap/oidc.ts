import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement } from "../lib/iam";
import { GithubConfig } from "./config";

/** GitHub's OIDC issuer for Actions and the audience configure-aws-credentials requests. */
export const GITHUB_ISSUER = "token.actions.githubusercontent.com";
export const GITHUB_AUDIENCE = "sts.amazonaws.com";

/**
 * What a role trusts, as the suffix of GitHub's `sub` claim (docs.github.com, "OpenID Connect
 * reference", subject claims): a pull request's job, a job that names an environment, or a job of
 * a push to a branch that names none.
 */
export type Subject = { pullRequest: true } | { environment: string } | { branch: string };

function suffix(s: Subject): string {
  if ("pullRequest" in s) return "pull_request";
  if ("environment" in s) return `environment:${s.environment}`;
  return `ref:refs/heads/${s.branch}`;
}

/**
 * The exact `sub` values of one subject: the name form `repo:<owner>/<repo>:<suffix>` and, when the
 * ids are configured, the immutable form `repo:<owner>@<ownerId>/<repo>@<repositoryId>:<suffix>`
 * that GitHub emits for repositories created from July 2026 on (and older ones that opt in).
 */
export function subjects(github: GithubConfig, subject: Subject): string[] {
  const out = [`repo:${github.owner}/${github.repository}:${suffix(subject)}`];
  if (github.ownerId && github.repositoryId)
    out.push(`repo:${github.owner}@${github.ownerId}/${github.repository}@${github.repositoryId}:${suffix(subject)}`);
  return out;
}

/**
 * A trust policy for GitHub Actions: one statement per exact subject, each with StringEquals on
 * both `aud` and `sub` (never StringLike, never a wildcard: `repo:org/repo:*` would admit every
 * branch and every pull request).
 */
export function githubTrustPolicy(
  providerArn: pulumi.Input<string>,
  github: GithubConfig,
  subject: Subject,
): pulumi.Output<string> {
  const statements: Statement[] = subjects(github, subject).map((sub, i) => ({
    Sid: i === 0 ? "GitHubActions" : "GitHubActionsImmutableSubject",
    Effect: "Allow",
    Principal: { Federated: providerArn },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { [`${GITHUB_ISSUER}:aud`]: GITHUB_AUDIENCE, [`${GITHUB_ISSUER}:sub`]: sub } },
  }));
  return policyDocument(statements);
}
