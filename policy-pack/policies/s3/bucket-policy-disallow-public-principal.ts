import { isPublicPrincipal, isStrictlyConditioned, parsePolicyDocument } from "../../lib/iam/document";
import { resourcePolicy } from "../../lib/policy";
import { BUCKET_POLICY } from "../../lib/types";

export const s3PolicyNoPublicPrincipal = resourcePolicy({
  name: "aws-s3-bucket-policy-disallow-public-principal",
  description:
    'Bucket policies do not Allow principal "*" unless a condition binds it to our account, organisation, VPC endpoint or source ARN.',
  severity: "critical",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:S3.2", "FSBP:S3.3", "CIS-AWS-3.0:2.1.4", "PCI-DSS-4.0.1:7.2.1"],
  remediationSteps:
    "Name the principals (roles, the CloudFront service with aws:SourceArn) or add an aws:PrincipalOrgID / aws:SourceVpce condition.",
  types: BUCKET_POLICY,
  validate: (r) => {
    const doc = parsePolicyDocument(r.props.policy);
    if (!doc.ok) return doc.unknown ? r.undecided("policy", r.props.policy) : undefined;
    for (const s of doc.statements) {
      if (s.effect === "Allow" && isPublicPrincipal(s.principals) && !isStrictlyConditioned(s)) {
        r.report(
          `Statement ${s.sid ?? "(no Sid)"} allows principal "*" unconditionally. Name the principal or add a binding condition.`,
        );
      }
    }
  },
});
