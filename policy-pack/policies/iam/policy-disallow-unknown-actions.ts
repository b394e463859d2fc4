import { analyzeDocument, sample, unknownPatterns } from "../../lib/iam/analyze";
import { IDENTITY_DOC_TYPES, identityDocuments } from "../../lib/iam/documents";
import { resourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

export const iamNoUnknownActions = resourcePolicy({
  name: "aws-iam-policy-disallow-unknown-actions",
  description: "Every action in a policy document exists in the IAM action catalogue (a typo grants or denies nothing).",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: { none: "Correctness of policy documents; a misspelt Deny silently protects nothing." },
  remediationSteps:
    "Fix the spelling of the action (service prefix and action name) as listed in the Service Authorization Reference.",
  types: [...IDENTITY_DOC_TYPES, T.kmsKey, "aws:s3/bucketPolicy:BucketPolicy"],
  validate: async (r) => {
    const docs =
      r.type === T.kmsKey || r.type === "aws:s3/bucketPolicy:BucketPolicy"
        ? [{ path: "policy", doc: r.props.policy }]
        : identityDocuments(r.type, r.props);
    for (const { path, doc } of docs) {
      if (doc === undefined) continue;
      const a = await analyzeDocument(doc);
      if (!a.ok) {
        if (a.unknown) r.undecided(path, doc);
        continue;
      }
      const typos = a.statements.flatMap(unknownPatterns);
      if (typos.length > 0) r.report(`${path} names actions that do not exist: ${sample(typos)}. Check their spelling.`);
    }
  },
});
