import { parsePolicyDocument } from "../../lib/iam/document";
import { resourcePolicy } from "../../lib/policy";
import { BUCKET_POLICY } from "../../lib/types";

export const s3PolicyRequireTls = resourcePolicy({
  name: "aws-s3-bucket-policy-require-tls",
  description: "Bucket policies deny every request made without TLS (aws:SecureTransport false).",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:S3.5", "CIS-AWS-3.0:2.1.1", "PCI-DSS-4.0.1:4.2.1"],
  remediationSteps:
    'Add a statement: Effect Deny, Principal "*", Action "s3:*", Resource bucket and bucket/*, Condition Bool aws:SecureTransport "false".',
  types: BUCKET_POLICY,
  validate: (r) => {
    const doc = parsePolicyDocument(r.props.policy);
    if (!doc.ok)
      return doc.unknown ? r.undecided("policy", r.props.policy) : r.report(`The bucket policy is invalid: ${doc.error}.`);
    const denies = doc.statements.some(
      (s) =>
        s.effect === "Deny" &&
        (s.actions ?? []).some((a) => a === "s3:*" || a === "*") &&
        Object.entries(s.condition).some(
          ([op, kv]) =>
            /^Bool/i.test(op) &&
            Object.entries(kv).some(([k, v]) => k.toLowerCase() === "aws:securetransport" && v.includes("false")),
        ),
    );
    if (!denies) r.report("No statement denies s3:* when aws:SecureTransport is false. Add the TLS-only deny.");
  },
});
