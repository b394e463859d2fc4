import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement } from "../lib/iam";
import { BootstrapConfig, Environment } from "./config";
import { githubTrustPolicy, Subject } from "./oidc";
import {
  DATA_PLANE_READS,
  FORBIDDEN_MANAGED_POLICIES,
  IAM_MANAGE_ACTIONS,
  IAM_OIDC_PROVIDER_ACTIONS,
  PASSED_TO_SERVICES,
  READ_ACTIONS,
  REFRESH_ACTIONS,
  SERVICE_ACTIONS,
  SERVICE_LINKED_ROLE_SERVICES,
} from "./permissions";

/** The CI roles live under their own IAM path, outside every name the deploy role may change. */
export const CI_ROLE_PATH = "/ci/";

export interface EnvironmentRolesArgs {
  config: BootstrapConfig;
  environment: Environment;
  providerArn: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  stateBucketArn: pulumi.Input<string>;
  /** The key that encrypts the state bucket's objects. */
  stateKeyArn: pulumi.Input<string>;
  /** The environment's `awskms://` secrets-provider key. */
  secretsKeyArn: pulumi.Input<string>;
  /** ARNs the deploy role may never change: the CI roles, the state bucket, the keys, the OIDC provider. */
  protectedArns: pulumi.Input<string>[];
  provider: aws.Provider;
  parent: pulumi.Resource;
}

export interface EnvironmentRoles {
  preview: aws.iam.Role;
  drift: aws.iam.Role;
  deploy: aws.iam.Role;
}

/** Object keys of the platform environment's stack in a DIY backend (project-scoped layout, Pulumi >= 3.61). */
function stateObjects(a: EnvironmentRolesArgs, kinds: string[]): pulumi.Output<string>[] {
  const p = a.config.platformProject;
  return kinds.map(
    (k) => pulumi.interpolate`${a.stateBucketArn}/.pulumi/${k}/${p}/${a.environment}${k === "stacks" ? "." : "/"}*`,
  );
}

function stateRead(a: EnvironmentRolesArgs): Statement[] {
  const p = a.config.platformProject;
  return [
    {
      Sid: "StateList",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: a.stateBucketArn,
      Condition: {
        StringLike: { "s3:prefix": [".pulumi/meta.yaml", `.pulumi/stacks/${p}/*`, `.pulumi/locks/${p}/${a.environment}/*`] },
      },
    },
    {
      Sid: "StateRead",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:GetObjectVersion"],
      Resource: [pulumi.interpolate`${a.stateBucketArn}/.pulumi/meta.yaml`, ...stateObjects(a, ["stacks"])],
    },
    {
      Sid: "StateKey",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: a.stateKeyArn,
    },
    {
      Sid: "SecretsProviderDecrypt",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: a.secretsKeyArn,
    },
  ];
}

function denyDataPlane(a: EnvironmentRolesArgs): Statement {
  return {
    Sid: "DenyDataPlaneReads",
    Effect: "Deny",
    Action: DATA_PLANE_READS,
    NotResource: [pulumi.interpolate`${a.stateBucketArn}/.pulumi/*`, a.stateKeyArn, a.secretsKeyArn],
  };
}

/** The preview role's policy: describe/list, read this environment's state, decrypt its secrets. */
export function previewPolicy(a: EnvironmentRolesArgs): pulumi.Output<string> {
  return policyDocument([
    { Sid: "DescribeAndList", Effect: "Allow", Action: READ_ACTIONS, Resource: "*" },
    ...stateRead(a),
    denyDataPlane(a),
  ]);
}

/** The drift role's policy: configuration reads of every managed service (a refresh), the state, the secrets. */
export function driftPolicy(a: EnvironmentRolesArgs): pulumi.Output<string> {
  return policyDocument([
    { Sid: "Refresh", Effect: "Allow", Action: REFRESH_ACTIONS, Resource: "*" },
    ...stateRead(a),
    denyDataPlane(a),
  ]);
}

/** ARN patterns of the platform environment's own IAM names (`<project>-<env>-...`, lib/naming.ts). */
export function platformIamArns(a: Pick<EnvironmentRolesArgs, "config" | "environment" | "accountId" | "partition">) {
  const prefix = `${a.config.platformProject}-${a.environment}-`;
  return {
    roles: pulumi.interpolate`arn:${a.partition}:iam::${a.accountId}:role/${prefix}*`,
    policies: pulumi.interpolate`arn:${a.partition}:iam::${a.accountId}:policy/${prefix}*`,
    instanceProfiles: pulumi.interpolate`arn:${a.partition}:iam::${a.accountId}:instance-profile/${prefix}*`,
    eksOidcProviders: pulumi.interpolate`arn:${a.partition}:iam::${a.accountId}:oidc-provider/oidc.eks.*.amazonaws.com/id/*`,
  };
}

/**
 * The deploy role's statements: the platform's services (SERVICE_ACTIONS), IAM only on the
 * environment's own names, PassRole only to the platform's services, the environment's state
 * (read, write, lock) and secrets key; denied: changing the CI roles, the state bucket, the keys and
 * the OIDC provider, attaching admin-level managed policies, and (for the one-account layout)
 * touching resources tagged for another environment.
 */
export function deployStatements(a: EnvironmentRolesArgs): Statement[] {
  const iamArns = platformIamArns(a);
  const partition = a.partition;
  const services: Statement[] = Object.entries(SERVICE_ACTIONS).map(([service, verbs]) => ({
    Sid: `Manage${service.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`,
    Effect: "Allow",
    Action: verbs.map((v) => `${service}:${v}`),
    Resource: "*",
  }));
  return [
    ...services,
    {
      Sid: "ManagePlatformIam",
      Effect: "Allow",
      Action: IAM_MANAGE_ACTIONS,
      Resource: [iamArns.roles, iamArns.policies, iamArns.instanceProfiles],
    },
    { Sid: "ManageClusterOidcProviders", Effect: "Allow", Action: IAM_OIDC_PROVIDER_ACTIONS, Resource: iamArns.eksOidcProviders },
    {
      Sid: "PassPlatformRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: iamArns.roles,
      Condition: { StringEquals: { "iam:PassedToService": PASSED_TO_SERVICES } },
    },
    {
      Sid: "ServiceLinkedRoles",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: pulumi.interpolate`arn:${partition}:iam::${a.accountId}:role/aws-service-role/*`,
      Condition: { StringEquals: { "iam:AWSServiceName": SERVICE_LINKED_ROLE_SERVICES } },
    },
    ...stateRead(a),
    {
      Sid: "StateWrite",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:DeleteObject"],
      Resource: stateObjects(a, ["stacks", "locks", "history", "backups"]),
    },
    { Sid: "StateKeyWrite", Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: a.stateKeyArn },
    { Sid: "SecretsProviderEncrypt", Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: a.secretsKeyArn },
    {
      Sid: "DenyChangingTheBootstrap",
      Effect: "Deny",
      Action: [
        "iam:*",
        "s3:DeleteBucket",
        "s3:PutBucketPolicy",
        "s3:DeleteBucketPolicy",
        "s3:PutBucketVersioning",
        "s3:PutEncryptionConfiguration",
        "s3:PutBucketPublicAccessBlock",
        "s3:PutBucketLogging",
        "s3:PutLifecycleConfiguration",
        "kms:ScheduleKeyDeletion",
        "kms:DisableKey",
        "kms:PutKeyPolicy",
        "kms:CreateGrant",
      ],
      Resource: a.protectedArns,
    },
    {
      Sid: "DenyAdminPolicies",
      Effect: "Deny",
      Action: ["iam:AttachRolePolicy", "iam:PutRolePermissionsBoundary"],
      Resource: "*",
      Condition: {
        ArnLike: {
          "iam:PolicyARN": FORBIDDEN_MANAGED_POLICIES.map((n) => pulumi.interpolate`arn:${partition}:iam::aws:policy/${n}`),
        },
      },
    },
    // One-account layout: a resource tagged for another environment is out of reach (the tag must
    // be present: negated operators are true for a missing key). The backend is exempt.
    {
      Sid: "DenyOtherEnvironments",
      Effect: "Deny",
      Action: "*",
      NotResource: [a.stateBucketArn, pulumi.interpolate`${a.stateBucketArn}/*`, a.stateKeyArn, a.secretsKeyArn],
      Condition: {
        StringNotEquals: { "aws:ResourceTag/Environment": a.environment },
        Null: { "aws:ResourceTag/Environment": "false" },
      },
    },
    {
      Sid: "DenyTaggingForOtherEnvironments",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: {
        StringNotEquals: { "aws:RequestTag/Environment": a.environment },
        Null: { "aws:RequestTag/Environment": "false" },
      },
    },
  ];
}

/** Managed policies hold 6,144 characters: statements are packed into as few as fit. */
export function packStatements(statements: Statement[], limit = 6144): Statement[][] {
  const out: Statement[][] = [];
  let current: Statement[] = [];
  const size = (s: Statement[]) => JSON.stringify({ Version: "2012-10-17", Statement: s }).length + 400; // ARNs resolve longer
  for (const s of statements) {
    if (current.length > 0 && size([...current, s]) > limit) {
      out.push(current);
      current = [];
    }
    current.push(s);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function role(
  a: EnvironmentRolesArgs,
  kind: "preview" | "drift" | "deploy",
  subject: Subject,
  maxSessionDuration = 3600,
): aws.iam.Role {
  const name = `${a.config.platformProject}-ci-${a.environment}-${kind}`;
  return new aws.iam.Role(
    `${a.environment}-${kind}`,
    {
      name,
      path: CI_ROLE_PATH,
      description: `GitHub Actions ${kind} of the ${a.environment} stack (${a.config.github.owner}/${a.config.github.repository})`,
      assumeRolePolicy: githubTrustPolicy(a.providerArn, a.config.github, subject),
      maxSessionDuration,
    },
    { parent: a.parent, provider: a.provider },
  );
}

/** The three roles of one platform environment. */
export function environmentRoles(a: EnvironmentRolesArgs): EnvironmentRoles {
  const opts = { parent: a.parent, provider: a.provider };
  const preview = role(a, "preview", { pullRequest: true });
  new aws.iam.RolePolicy(`${a.environment}-preview-read`, { role: preview.name, policy: previewPolicy(a) }, opts);

  const drift = role(a, "drift", { branch: "main" });
  new aws.iam.RolePolicy(`${a.environment}-drift-read`, { role: drift.name, policy: driftPolicy(a) }, opts);

  // The workflow asks for 2 hours: a first `up` of a stack (cluster, database) takes longer than 1.
  const deploy = role(a, "deploy", { environment: a.environment }, 7200);
  packStatements(deployStatements(a)).forEach((statements, i) => {
    const policy = new aws.iam.Policy(
      `${a.environment}-deploy-${i + 1}`,
      {
        name: `${a.config.platformProject}-ci-${a.environment}-deploy-${i + 1}`,
        path: CI_ROLE_PATH,
        policy: policyDocument(statements),
      },
      opts,
    );
    new aws.iam.RolePolicyAttachment(`${a.environment}-deploy-${i + 1}`, { role: deploy.name, policyArn: policy.arn }, opts);
  });
  return { preview, drift, deploy };
}
