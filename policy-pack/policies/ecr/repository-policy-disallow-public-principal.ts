import { resourcePolicy } from "../../lib/policy";
import { noPublicStatements } from "../../lib/resource-policy";

export const ecrRepositoryPolicyDisallowPublicPrincipal = resourcePolicy({
  name: "aws-ecr-repository-policy-disallow-public-principal",
  description:
    'ECR repository policies do not allow the "*" principal unless a condition binds it to an account, organisation, source ARN or network.',
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: { none: "Security Hub has no control for public ECR repository policies; the rule follows checkov CKV_AWS_32." },
  remediationSteps:
    'Name the account or role ARNs as principals, or add a condition on aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID or aws:SourceVpce to the "*" statement.',
  types: ["aws:ecr/repositoryPolicy:RepositoryPolicy"],
  validate: (r) => {
    noPublicStatements(r, "policy", "ECR repository policy");
  },
});
