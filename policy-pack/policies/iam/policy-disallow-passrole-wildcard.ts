import { grantedActions } from "../../lib/iam/analyze";
import { analyzedIdentityDocuments, IDENTITY_DOC_TYPES } from "../../lib/iam/documents";
import { resourcePolicy } from "../../lib/policy";

export const iamNoPassRoleWildcard = resourcePolicy({
  name: "aws-iam-policy-disallow-passrole-wildcard",
  description: 'iam:PassRole is not allowed on Resource "*" (that lets the holder hand any role, admin included, to a service).',
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: ["PCI-DSS-4.0.1:7.2.2"],
  remediationSteps:
    "Allow iam:PassRole only on the ARNs of the roles the workload passes, ideally with an iam:PassedToService condition.",
  types: IDENTITY_DOC_TYPES,
  validate: async (r) => {
    for (const { path, statements } of await analyzedIdentityDocuments(r)) {
      for (const s of statements) {
        if (s.statement.effect !== "Allow" || !s.allResources) continue;
        const passRole = s.allActions || grantedActions(s).some((x) => x.action.toLowerCase() === "iam:passrole");
        if (passRole)
          r.report(`${path} statement ${s.statement.sid ?? "(no Sid)"} allows iam:PassRole on every role. Name the role ARNs.`);
      }
    }
  },
});
