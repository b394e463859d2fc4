import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "../lib/iam";
import { customerManagedKey, keyPolicy } from "../lib/kms";
import { Naming } from "../lib/naming";
import { BootstrapConfig, ENVIRONMENTS } from "./config";
import { githubTrustPolicy, Subject } from "./oidc";
import { CI_ROLE_PATH } from "./roles";

export interface PackagesArgs {
  config: BootstrapConfig;
  accountId: pulumi.Input<string>;
  callerArn: pulumi.Input<string>;
  providerArn: pulumi.Input<string>;
  provider: aws.Provider;
  parent: pulumi.Resource;
}

export interface Packages {
  domain: aws.codeartifact.Domain;
  repository: aws.codeartifact.Repository;
  role: aws.iam.Role;
}

/**
 * A CodeArtifact domain and npm repository that proxies the public registry (an `npm-store`
 * repository with the `public:npmjs` external connection, upstream of `npm`), so CI installs from a
 * repository the company controls and keeps every version it ever used. CI gets a short-lived token
 * through the `packages` role (.github/actions/setup): read only, trusted for this repository's
 * pull requests, main and each environment.
 */
export function packages(a: PackagesArgs): Packages {
  const opts = { parent: a.parent, provider: a.provider };
  const ci = new Naming(a.config.platformProject, "ci");
  const key = customerManagedKey(a.parent, "packages-key", {
    naming: ci,
    aliasStem: "codeartifact",
    description: "CodeArtifact packages",
    policy: keyPolicy(a.accountId, a.callerArn),
    protect: a.config.protect,
    provider: a.provider,
  });
  const domain = new aws.codeartifact.Domain(
    "packages",
    { domain: a.config.platformProject, encryptionKey: key.arn, tags: { DataClassification: "internal" } },
    { ...opts, protect: a.config.protect },
  );
  const store = new aws.codeartifact.Repository(
    "npm-store",
    {
      domain: domain.domain,
      repository: "npm-store",
      description: "Proxy of the public npm registry",
      externalConnections: { externalConnectionName: "public:npmjs" },
      tags: { DataClassification: "internal" },
    },
    { ...opts, protect: a.config.protect },
  );
  const repository = new aws.codeartifact.Repository(
    "npm",
    {
      domain: domain.domain,
      repository: "npm",
      description: "npm packages for CI (upstream: npm-store)",
      upstreams: [{ repositoryName: store.repository }],
      tags: { DataClassification: "internal" },
    },
    { ...opts, protect: a.config.protect },
  );

  const subjects: Subject[] = [
    { pullRequest: true },
    { branch: "main" },
    ...ENVIRONMENTS.map((environment) => ({ environment })),
  ];
  const trust = pulumi.all(subjects.map((s) => githubTrustPolicy(a.providerArn, a.config.github, s))).apply((docs) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: docs.flatMap((d, i) =>
        (JSON.parse(d) as { Statement: { Sid?: string }[] }).Statement.map((s, j) => ({ ...s, Sid: `Subject${i}${j}` })),
      ),
    }),
  );
  const role = new aws.iam.Role(
    "packages-role",
    {
      name: `${a.config.platformProject}-ci-packages`,
      path: CI_ROLE_PATH,
      description: "GitHub Actions: read npm packages from CodeArtifact",
      assumeRolePolicy: trust,
    },
    opts,
  );
  new aws.iam.RolePolicy(
    "packages-read",
    {
      role: role.name,
      policy: policyDocument([
        { Sid: "Token", Effect: "Allow", Action: "codeartifact:GetAuthorizationToken", Resource: domain.arn },
        {
          Sid: "Read",
          Effect: "Allow",
          Action: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"],
          Resource: [repository.arn, store.arn],
        },
        {
          Sid: "BearerToken",
          Effect: "Allow",
          Action: "sts:GetServiceBearerToken",
          Resource: "*",
          Condition: { StringEquals: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } },
        },
        // Reading a package version through the domain's key (the token is scoped to the domain).
        {
          Sid: "DomainKey",
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource: key.arn,
          Condition: { StringEquals: { "kms:ViaService": `codeartifact.${a.config.region}.amazonaws.com` } },
        },
      ]),
    },
    opts,
  );
  return { domain, repository, role };
}
