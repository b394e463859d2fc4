/**
 * The bootstrap program: run once per AWS account, before the platform (docs/delivery.md).
 * `environments` says which platform stacks live in the account: one (account per environment,
 * the recommended layout) or all three (one shared account); both give each environment its own
 * secrets key, roles and GitHub environment, and one state bucket per account.
 */
import * as aws from "@pulumi/aws";
import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import { packages } from "./codeartifact";
import { BootstrapConfig, Environment, ENVIRONMENTS, readConfig } from "./config";
import { repositoryRules, StackVariable } from "./github";
import { GITHUB_AUDIENCE, GITHUB_ISSUER } from "./oidc";
import { environmentRoles } from "./roles";
import { stateBackend } from "./state";

class Bootstrap extends pulumi.ComponentResource {
  constructor(name: string, opts: pulumi.ComponentResourceOptions) {
    super("b2b:bootstrap:Bootstrap", name, {}, opts);
  }
}

/**
 * The platform's required tags. Environment: the most critical environment the account hosts (the
 * pack allows only dev, staging and prod); each secrets key carries its own environment.
 */
function tags(config: BootstrapConfig): Record<string, string> {
  const environment = [...ENVIRONMENTS].reverse().find((e) => config.environments.includes(e))!;
  return {
    Project: `${config.platformProject}-bootstrap`,
    Environment: environment,
    Owner: config.owner,
    CostCenter: config.costCenter,
    ManagedBy: "pulumi",
  };
}

export = async (): Promise<Record<string, unknown>> => {
  const config = readConfig();
  const awsProvider = new aws.Provider("aws", { region: config.region as aws.Region, defaultTags: { tags: tags(config) } });
  // The token comes from GITHUB_TOKEN (a fine-grained token or app with administration rights).
  const githubProvider = new github.Provider("github", { owner: config.github.owner });
  const root = new Bootstrap(pulumi.getStack(), { providers: [awsProvider, githubProvider] });

  const identity = await aws.getCallerIdentity({}, { provider: awsProvider });
  const partition = identity.arn.split(":")[1] ?? "aws";
  const backend = stateBackend({
    config,
    accountId: identity.accountId,
    callerArn: identity.arn,
    provider: awsProvider,
    parent: root,
  });

  const oidcProviderArn: pulumi.Input<string> =
    config.github.oidcProviderArn ??
    new aws.iam.OpenIdConnectProvider(
      "github-actions",
      // No thumbprint: AWS validates GitHub's certificate with its own trusted CAs.
      { url: `https://${GITHUB_ISSUER}`, clientIdLists: [GITHUB_AUDIENCE] },
      { parent: root, provider: awsProvider, protect: config.protect },
    ).arn;

  const ciRoleArns = (env: Environment) =>
    ["preview", "drift", "deploy"].map(
      (k) => `arn:${partition}:iam::${identity.accountId}:role/ci/${config.platformProject}-ci-${env}-${k}`,
    );
  const protectedArns: pulumi.Input<string>[] = [
    ...config.environments.flatMap(ciRoleArns),
    `arn:${partition}:iam::${identity.accountId}:role/ci/${config.platformProject}-ci-packages`,
    oidcProviderArn,
    backend.bucket.arn,
    backend.stateKey.arn,
    ...Object.values(backend.secretsKeys).map((k) => k.arn),
  ];

  const stacks: Partial<Record<Environment, StackVariable>> = {};
  const roleOutputs: Record<string, Record<string, pulumi.Output<string>>> = {};
  for (const env of config.environments) {
    const roles = environmentRoles({
      config,
      environment: env,
      providerArn: oidcProviderArn,
      accountId: identity.accountId,
      partition,
      stateBucketArn: backend.bucket.arn,
      stateKeyArn: backend.stateKey.arn,
      secretsKeyArn: backend.secretsKeys[env].arn,
      protectedArns,
      provider: awsProvider,
      parent: root,
    });
    const secretsProvider = `awskms://${backend.secretsKeyAliases[env]}?region=${config.region}`;
    stacks[env] = {
      backendUrl: backend.backendUrl,
      region: config.region,
      secretsProvider,
      previewRoleArn: roles.preview.arn,
      driftRoleArn: roles.drift.arn,
      deployRoleArn: roles.deploy.arn,
    };
    roleOutputs[env] = {
      preview: roles.preview.arn,
      drift: roles.drift.arn,
      deploy: roles.deploy.arn,
      secretsProvider: pulumi.output(secretsProvider),
    };
  }

  const pkgs = config.codeArtifact
    ? packages({
        config,
        accountId: identity.accountId,
        callerArn: identity.arn,
        providerArn: oidcProviderArn,
        provider: awsProvider,
        parent: root,
      })
    : undefined;

  repositoryRules({
    config,
    stacks,
    codeArtifact: pkgs && {
      domain: pkgs.domain.domain,
      owner: identity.accountId,
      repository: pkgs.repository.repository,
      roleArn: pkgs.role.arn,
    },
    provider: githubProvider,
    parent: root,
  });

  return {
    backendUrl: backend.backendUrl,
    stateBucket: backend.bucket.bucket,
    oidcProviderArn,
    environments: roleOutputs,
    codeArtifactDomain: pkgs?.domain.domain,
  };
};
