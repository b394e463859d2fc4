import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";

export const ssmDocumentDisallowPublicSharing = resourcePolicy({
  name: "aws-ssm-document-disallow-public-sharing",
  description: 'SSM documents are not shared with all AWS accounts (permissions account_ids "All").',
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:SSM.4"],
  remediationSteps: "Share the document with named account ids only, or not at all.",
  types: ["aws:ssm/document:Document"],
  validate: (r) => {
    const ids = get(r.props, "permissions.accountIds");
    if (isUnknown(ids)) return r.undecided("permissions.accountIds", ids);
    if (typeof ids === "string" && ids.split(",").some((x) => x.trim().toLowerCase() === "all"))
      r.report("permissions.accountIds is All: every AWS account can run this document. Share with named accounts.");
  },
});
