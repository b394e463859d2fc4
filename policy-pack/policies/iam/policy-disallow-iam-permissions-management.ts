import { grantedActions, sample } from "../../lib/iam/analyze";
import { analyzedIdentityDocuments, IDENTITY_DOC_TYPES } from "../../lib/iam/documents";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  allowedActions: string[];
}

export const iamNoIamPermissionsManagement = resourcePolicy<Config>({
  name: "aws-iam-policy-disallow-iam-permissions-management",
  description:
    "Workload policies do not grant IAM permissions-management actions (creating or changing roles, users and policies).",
  severity: "high",
  topic: "least-privilege",
  category: "security",
  controls: ["PCI-DSS-4.0.1:7.2.2"],
  remediationSteps:
    "Manage IAM from the deployment pipeline (this program), not from workloads; drop iam:* permissions-management actions.",
  config: {
    allowedActions: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "IAM permissions-management actions a workload may have (documented exceptions).",
    },
  },
  types: IDENTITY_DOC_TYPES,
  validate: async (r) => {
    for (const { path, statements } of await analyzedIdentityDocuments(r)) {
      const pm = statements
        .flatMap(grantedActions)
        .filter((x) => x.action.startsWith("iam:") && x.accessLevels.includes("Permissions management"))
        .filter((x) => !r.config.allowedActions.some((a) => a.toLowerCase() === x.action.toLowerCase()))
        .map((x) => x.action);
      if (pm.length > 0) r.report(`${path} grants IAM permissions management: ${sample(pm)}. Remove it.`);
    }
  },
});
