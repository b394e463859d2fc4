import { analyzeDocument, grantedActions, sample } from "../../lib/iam/analyze";
import { isStrictlyConditioned, isTagScoped } from "../../lib/iam/document";
import { IDENTITY_DOC_TYPES, identityDocuments } from "../../lib/iam/documents";
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
    "Name the buckets, parameters, secrets or roles the workload reads in Resource, or narrow the statement with tag (ABAC), account or source conditions. Actions AWS cannot scope to a resource are exempt.",
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
    for (const { path, doc } of identityDocuments(r.type, r.props)) {
      const a = await analyzeDocument(doc);
      if (!a.ok) {
        if (a.unknown) r.undecided(path, doc);
        continue; // invalid documents are reported by aws-iam-policy-disallow-wildcard-action
      }
      for (const s of a.statements) {
        if (!s.allResources || isTagScoped(s.statement) || isStrictlyConditioned(s.statement)) continue;
        const conditioned = new Set(
          Object.values(s.statement.condition).flatMap((kv) => Object.keys(kv).map((k) => k.toLowerCase())),
        );
        const actions = (
          s.allActions && s.statement.effect === "Allow"
            ? [{ action: "*", wildcardOnly: false, conditionKeys: [] }]
            : grantedActions(s)
        )
          .filter((x) => (x.action === "*" || SECRET_READS.has(x.action.toLowerCase())) && !allowed.has(x.action.toLowerCase()))
          .filter((x) => !x.wildcardOnly && !x.conditionKeys.some((k) => !k.startsWith("aws:") && conditioned.has(k)))
          .map((x) => x.action);
        if (actions.length > 0)
          r.report(
            `${path} statement ${s.statement.sid ?? "(no Sid)"} allows reading data or credentials from every resource: ${sample(actions)}. Name the resources in Resource.`,
          );
      }
    }
  },
});
