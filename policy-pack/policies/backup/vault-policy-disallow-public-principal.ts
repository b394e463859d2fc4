import { resourcePolicy } from "../../lib/policy";
import { noPublicStatements } from "../../lib/resource-policy";

export const backupVaultPolicyDisallowPublicPrincipal = resourcePolicy({
  name: "aws-backup-vault-policy-disallow-public-principal",
  description:
    'Backup vault policies do not allow the "*" principal unless a condition binds it to an account, organisation, source ARN or network.',
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: {
    none: "Security Hub has no control for Backup vault access policies; a public vault policy would expose recovery points.",
  },
  remediationSteps:
    'Name the account or role ARNs as principals, or add a condition on aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID or aws:SourceVpce to the "*" statement.',
  types: ["aws:backup/vaultPolicy:VaultPolicy"],
  validate: (r) => {
    noPublicStatements(r, "policy", "Backup vault policy");
  },
});
