import { isPublicPrincipal, isStrictlyConditioned, parsePolicyDocument } from "../../lib/iam/document";
import { resourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

export const kmsKeyNoPublicPrincipal = resourcePolicy({
  name: "aws-kms-key-disallow-public-principal",
  description: 'Key policies do not allow the "*" principal unless a condition binds it to our account or organisation.',
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: ["PCI-DSS-4.0.1:7.2.1", "PCI-DSS-4.0.1:3.6.1"],
  remediationSteps:
    'Name the account root or role ARNs as principals, or add a condition on kms:CallerAccount / aws:PrincipalOrgID to the "*" statement.',
  types: [T.kmsKey, "aws:kms/keyPolicy:KeyPolicy"],
  validate: (r) => {
    if (r.props.policy === undefined) return; // The default key policy grants the account only.
    const doc = parsePolicyDocument(r.props.policy);
    if (!doc.ok)
      return doc.unknown ? r.undecided("policy", r.props.policy) : r.report(`The key policy is invalid: ${doc.error}.`);
    for (const s of doc.statements) {
      if (s.effect === "Allow" && isPublicPrincipal(s.principals) && !isStrictlyConditioned(s)) {
        r.report(`Statement ${s.sid ?? "(no Sid)"} allows principal "*" without an account or organisation condition.`);
      }
    }
  },
});
