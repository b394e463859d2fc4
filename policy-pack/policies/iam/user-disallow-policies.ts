import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const iamNoUserPolicies = resourcePolicy({
  name: "aws-iam-user-disallow-policies",
  description: "IAM users get no policies directly; permissions go to roles (or groups for humans through SSO).",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:IAM.2", "CIS-AWS-3.0:1.15", "PCI-DSS-4.0.1:7.2.1"],
  remediationSteps:
    "Grant the permissions to a role assumed by the workload, or to an IAM Identity Center permission set for people.",
  types: [T.iamUserPolicy, T.iamUserPolicyAttachment, T.iamPolicyAttachment],
  validate: (r) => {
    if (r.type === T.iamPolicyAttachment) {
      const users = r.props.users;
      if (isUnknown(users)) return r.undecided("users", users);
      if (Array.isArray(users) && users.length > 0)
        r.report("The policy attachment attaches to IAM users. Attach to roles instead.");
      return;
    }
    r.report(`A policy is attached to IAM user ${String(r.props.user ?? "")}. Grant it to a role instead.`);
  },
});
