import { grantedActions, sample } from "../../lib/iam/analyze";
import { isStrictlyConditioned, isTagScoped } from "../../lib/iam/document";
import { analyzedIdentityDocuments, IDENTITY_DOC_TYPES } from "../../lib/iam/documents";
import { resourcePolicy } from "../../lib/policy";

/**
 * Actions whose answer is the data or a credential itself. The read actions are cloudsplaining's
 * "data exfiltration" set, the others its "actions that return credentials"
 * (salesforce/cloudsplaining, cloudsplaining/shared/constants.py, as checkov's CKV_AWS_287 and
 * CKV_AWS_288 use them), kept to the names the IAM catalogue knows.
 */
const SECRET_READS = new Set(
  [
    "s3:GetObject",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "secretsmanager:GetSecretValue",
    "airflow:CreateCliToken",
    "airflow:CreateWebLoginToken",
    "cloud9:CreateEnvironmentToken",
    "codeartifact:GetAuthorizationToken",
    "codepipeline:PollForJobs",
    "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
    "cognito-idp:GetSigningCertificate",
    "connect:GetFederationToken",
    "ec2:GetPasswordData",
    "emr-containers:GetManagedEndpointSessionCredentials",
    "finspace-api:GetProgrammaticAccessCredentials",
    "gamelift:GetInstanceAccess",
    "gamelift:RequestUploadCredentials",
    "grafana:CreateWorkspaceApiKey",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "iam:UpdateAccessKey",
    "lightsail:CreateBucketAccessKey",
    "lightsail:GetInstanceAccessDetails",
    "lightsail:GetRelationalDatabaseMasterUserPassword",
    "mediapackage:RotateChannelCredentials",
    "mediapackage:RotateIngestEndpointCredentials",
    "rds-db:connect",
    "redshift-serverless:GetCredentials",
    "redshift:GetClusterCredentials",
    "redshift:GetClusterCredentialsWithIAM",
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
    "sts:GetFederationToken",
  ].map((a) => a.toLowerCase()),
);

/** An action's own condition keys that name the resource read: a condition on one narrows "*". */
const NAMES_RESOURCE = /:(secretid|resourceaccount|existingobjecttag\/.*|resourcetag\/.*)$/;

/** A statement's key against a catalogue key, whose tag name may be a placeholder (`s3:existingobjecttag/<key>`). */
function sameKey(catalogueKey: string, key: string): boolean {
  const slash = catalogueKey.indexOf("/");
  return slash < 0 ? key === catalogueKey : key.startsWith(catalogueKey.slice(0, slash + 1)) && key.length > slash + 1;
}

interface Config {
  allowedActions: string[];
}

export const iamNoWildcardResourceOnSecretReads = resourcePolicy<Config>({
  name: "aws-iam-policy-disallow-wildcard-resource-on-secret-reads",
  description:
    'Actions that return stored data, secrets or credentials (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue, sts:AssumeRole, iam:CreateAccessKey and the like) are not allowed on Resource "*" unless a condition narrows them.',
  severity: "high",
  topic: "least-privilege",
  category: "security",
  controls: ["PCI-DSS-4.0.1:7.2.2"],
  remediationSteps:
    "Name the buckets, parameters, secrets or roles the workload reads in Resource, or narrow the statement with tag (ABAC), organisation, account or source conditions, or a key of the action that names the resource (secretsmanager:SecretId, s3:ResourceAccount). Actions AWS cannot scope to a resource are exempt.",
  config: {
    allowedActions: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: 'Actions of this kind allowed on "*" (documented exceptions).',
    },
  },
  types: IDENTITY_DOC_TYPES,
  validate: async (r) => {
    const allowed = new Set(r.config.allowedActions.map((a) => a.toLowerCase()));
    for (const { path, statements } of await analyzedIdentityDocuments(r)) {
      for (const s of statements) {
        const st = s.statement;
        if (st.effect !== "Allow" || !s.allResources || isTagScoped(st) || isStrictlyConditioned(st)) continue;
        const conditioned = Object.values(st.condition).flatMap((kv) => Object.keys(kv).map((k) => k.toLowerCase()));
        const secret = s.allActions
          ? ["*"]
          : grantedActions(s)
              .filter((x) => SECRET_READS.has(x.action.toLowerCase()) && !x.wildcardOnly)
              .filter((x) => !x.conditionKeys.some((k) => NAMES_RESOURCE.test(k) && conditioned.some((c) => sameKey(k, c))))
              .map((x) => x.action);
        const actions = secret.filter((x) => !allowed.has(x.toLowerCase()));
        if (actions.length > 0)
          r.report(
            `${path} statement ${s.statement.sid ?? "(no Sid)"} allows reading data or credentials from every resource: ${sample(actions)}. Name the resources in Resource.`,
          );
      }
    }
  },
});
