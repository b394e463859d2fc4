import { parsePolicyDocument, Statement } from "../../lib/iam/document";
import { resourcePolicy } from "../../lib/policy";
import { T } from "../../lib/types";

/** The `<issuer>:sub` / `<issuer>:aud` values of a StringEquals condition (StringLike is not binding). */
function equalsValues(s: Statement, suffix: string): { values: string[]; like: boolean } {
  const values: string[] = [];
  let like = false;
  for (const [op, kv] of Object.entries(s.condition)) {
    for (const [k, v] of Object.entries(kv)) {
      if (!k.toLowerCase().endsWith(suffix)) continue;
      if (op === "StringEquals") values.push(...v);
      else like = true;
    }
  }
  return { values, like };
}

export const iamScopedWebIdentityTrust = resourcePolicy({
  name: "aws-iam-role-require-scoped-web-identity-trust",
  description:
    "A role trusted by an OIDC provider (IRSA) is bound to exactly one service account (StringEquals on `sub`) and to `aud` = sts.amazonaws.com.",
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: ["PCI-DSS-4.0.1:7.2.1", "PCI-DSS-4.0.1:8.2.2"],
  remediationSteps:
    'Add Condition StringEquals {"<issuer>:sub": "system:serviceaccount:<namespace>:<name>", "<issuer>:aud": "sts.amazonaws.com"} to the AssumeRoleWithWebIdentity statement.',
  types: [T.iamRole],
  validate: (r) => {
    const doc = parsePolicyDocument(r.props.assumeRolePolicy);
    if (!doc.ok) return doc.unknown ? r.undecided("assumeRolePolicy", r.props.assumeRolePolicy) : undefined;
    for (const s of doc.statements) {
      const webIdentity =
        s.effect === "Allow" && (s.actions ?? []).some((a) => a.toLowerCase() === "sts:assumerolewithwebidentity");
      if (!webIdentity) continue;
      const id = s.sid ?? "(no Sid)";
      const sub = equalsValues(s, ":sub");
      const aud = equalsValues(s, ":aud");
      if (sub.values.length !== 1 || sub.values.some((v) => /[*?]/.test(v))) {
        r.report(
          `Statement ${id} does not bind the role to exactly one service account with StringEquals on :sub${sub.like ? " (StringLike is not binding)" : ""}.`,
        );
      }
      if (aud.values.length !== 1 || aud.values[0] !== "sts.amazonaws.com") {
        r.report(`Statement ${id} does not require :aud = sts.amazonaws.com.`);
      }
    }
  },
});
