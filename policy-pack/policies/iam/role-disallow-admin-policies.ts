import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

interface Config {
  forbiddenPolicies: string[];
}

export const iamNoAdminManagedPolicies = resourcePolicy<Config>({
  name: "aws-iam-role-disallow-admin-managed-policies",
  description:
    "AWS-managed administrator-level policies (AdministratorAccess, PowerUserAccess, IAMFullAccess, ...) are not attached.",
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:IAM.1", "CIS-AWS-3.0:1.16", "PCI-DSS-4.0.1:7.2.2"],
  remediationSteps: "Write a customer-managed policy with the actions and resources the role needs and attach that instead.",
  config: {
    forbiddenPolicies: {
      type: "array",
      items: { type: "string" },
      default: [
        "AdministratorAccess",
        "PowerUserAccess",
        "IAMFullAccess",
        "AmazonS3FullAccess",
        "AmazonEC2FullAccess",
        "AWSKeyManagementServicePowerUser",
      ],
      description: "Names of AWS-managed policies (arn:aws:iam::aws:policy/...) that must not be attached.",
    },
  },
  types: [
    T.iamRolePolicyAttachment,
    T.iamUserPolicyAttachment,
    T.iamPolicyAttachment,
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    T.iamRole,
  ],
  validate: (r) => {
    const arns = r.type === T.iamRole ? r.props.managedPolicyArns : [r.props.policyArn];
    if (isUnknown(arns)) return r.undecided("managedPolicyArns", arns);
    for (const arn of (arns ?? []) as unknown[]) {
      if (isUnknown(arn)) continue; // a computed ARN is a customer-managed policy created in this program
      const m = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(String(arn));
      if (m && r.config.forbiddenPolicies.includes(m[1]))
        r.report(`${String(arn)} is an AWS-managed admin-level policy. Attach a scoped policy.`);
    }
  },
});
