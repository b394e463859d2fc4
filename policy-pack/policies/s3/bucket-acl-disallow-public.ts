import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { BUCKET_ACL } from "../../lib/types";

const PUBLIC = ["public-read", "public-read-write", "authenticated-read"];

export const s3AclNoPublic = resourcePolicy({
  name: "aws-s3-bucket-acl-disallow-public",
  description: "Bucket ACLs do not grant access to AllUsers or AuthenticatedUsers.",
  severity: "critical",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:S3.2", "FSBP:S3.3", "CIS-AWS-3.0:2.1.4", "PCI-DSS-4.0.1:1.4.1"],
  remediationSteps: "Remove the ACL (use BucketOwnerEnforced ownership) and grant access through the bucket policy.",
  types: BUCKET_ACL,
  validate: (r) => {
    const acl = r.props.acl;
    if (isUnknown(acl)) return r.undecided("acl", acl);
    if (typeof acl === "string" && PUBLIC.includes(acl)) r.report(`The canned ACL ${acl} makes the bucket public. Remove it.`);
    const grants = ((r.props.accessControlPolicy as Record<string, unknown> | undefined)?.grants ?? []) as Record<
      string,
      Record<string, unknown>
    >[];
    for (const g of grants) {
      const uri = String(g.grantee?.uri ?? "");
      if (/AllUsers|AuthenticatedUsers/.test(uri)) r.report(`A grant to ${uri} makes the bucket public. Remove it.`);
    }
  },
});
