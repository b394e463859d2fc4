import { analyzeDocument, grantedActions } from "../../lib/iam/analyze";
import { IDENTITY_DOC_TYPES, identityDocuments } from "../../lib/iam/documents";
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
    for (const { path, doc } of identityDocuments(r.type, r.props)) {
      const a = await analyzeDocument(doc);
      if (!a.ok) {
        if (a.unknown) r.undecided(path, doc);
        continue;
      }
      for (const s of a.statements) {
        if (s.statement.effect !== "Allow" || !s.allResources) continue;
        const passRole = s.allActions || grantedActions(s).some((x) => x.action.toLowerCase() === "iam:passrole");
        if (passRole)
          r.report(`${path} statement ${s.statement.sid ?? "(no Sid)"} allows iam:PassRole on every role. Name the role ARNs.`);
      }
    }
  },
});
