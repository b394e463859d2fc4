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

const COGNITO = "cognito-identity.amazonaws.com";

/** A statement whose web identity is a Cognito identity pool (the principal is the Cognito service, not an OIDC provider). */
function cognitoFederated(s: Statement): boolean {
  const federated = (s.principals ?? []).filter((p) => p.type === "Federated").flatMap((p) => p.values);
  return federated.length > 0 && federated.every((v) => v === COGNITO);
}

/**
 * Cognito identity pools (Cognito developer guide, "IAM roles", role trust): `aud` must name exactly
 * one pool with StringEquals, and `amr` must say which identities (authenticated or unauthenticated).
 */
function checkCognito(s: Statement, id: string, report: (message: string) => void): void {
  const aud = equalsValues(s, `${COGNITO}:aud`);
  if (aud.values.length !== 1 || /[*?]/.test(aud.values[0])) {
    report(`Statement ${id} does not bind the role to exactly one identity pool with StringEquals on ${COGNITO}:aud.`);
  }
  const amr = Object.values(s.condition).some((kv) => Object.keys(kv).some((k) => k.toLowerCase() === `${COGNITO}:amr`));
  if (!amr) report(`Statement ${id} does not restrict ${COGNITO}:amr to authenticated or unauthenticated identities.`);
}

export const iamScopedWebIdentityTrust = resourcePolicy({
  name: "aws-iam-role-require-scoped-web-identity-trust",
  description:
    "A role trusted by an OIDC provider (IRSA) is bound to exactly one service account (StringEquals on `sub`) and to `aud` = sts.amazonaws.com; one trusted by Cognito to exactly one identity pool (`aud`) and to authenticated or unauthenticated identities (`amr`).",
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
      if (cognitoFederated(s)) {
        checkCognito(s, id, r.report);
        continue;
      }
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
