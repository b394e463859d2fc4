import { analyzeDocument } from "../../lib/iam/analyze";
import { IDENTITY_DOC_TYPES, identityDocuments } from "../../lib/iam/documents";
import { resourcePolicy } from "../../lib/policy";

export const iamNoWildcardAction = resourcePolicy({
  name: "aws-iam-policy-disallow-wildcard-action",
  description: 'Identity policies do not allow "*", a service wildcard ("s3:*") or NotAction.',
  severity: "high",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:IAM.1", "FSBP:IAM.21", "CIS-AWS-3.0:1.16", "PCI-DSS-4.0.1:7.2.2"],
  remediationSteps:
    "List the actions the workload needs (see the service's authorization reference) instead of a wildcard or NotAction.",
  types: IDENTITY_DOC_TYPES,
  validate: async (r) => {
    for (const { path, doc } of identityDocuments(r.type, r.props)) {
      const a = await analyzeDocument(doc);
      if (!a.ok) {
        if (a.unknown) r.undecided(path, doc);
        else r.report(`${path} is not a valid policy document: ${a.error}.`);
        continue;
      }
      for (const s of a.statements) {
        if (s.statement.effect !== "Allow" || !s.allActions) continue;
        const what = s.statement.notActions
          ? `NotAction ${s.statement.notActions.join(", ")}`
          : (s.statement.actions ?? []).join(", ");
        r.report(`${path} statement ${s.statement.sid ?? "(no Sid)"} allows every action (${what}). List the actions needed.`);
      }
    }
  },
});
