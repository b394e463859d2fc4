import { isPublicPrincipal, isStrictlyConditioned, parsePolicyDocument } from "../../lib/iam/document";
import { resourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

export const iamNoPublicTrust = resourcePolicy({
  name: "aws-iam-role-disallow-public-trust",
  description: 'Role trust policies do not let principal "*" assume the role.',
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: ["PCI-DSS-4.0.1:7.2.1"],
  remediationSteps: "Trust a named service, account root or role ARN; add aws:SourceAccount for service principals.",
  types: [T.iamRole],
  validate: (r) => {
    const doc = parsePolicyDocument(r.props.assumeRolePolicy);
    if (!doc.ok)
      return doc.unknown
        ? r.undecided("assumeRolePolicy", r.props.assumeRolePolicy)
        : r.report(`assumeRolePolicy is invalid: ${doc.error}.`);
    for (const s of doc.statements) {
      if (s.effect === "Allow" && isPublicPrincipal(s.principals) && !isStrictlyConditioned(s)) {
        r.report(`Statement ${s.sid ?? "(no Sid)"} lets anyone ("*") assume the role. Name the trusted principal.`);
      }
    }
  },
});
