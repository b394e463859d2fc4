import { resourcePolicy } from "../../lib/policy";
import { parsePolicyDocument } from "../../lib/iam/document";
import { isUnknown, tagsOf } from "../../lib/props";
import { T } from "../../lib/types";

/** The one exception: an emergency role may hold AdministratorAccess (see isMfaBreakGlassRole). */
const BREAK_GLASS_POLICY = "AdministratorAccess";

/**
 * A break-glass role: tagged `BreakGlass=true` and assumable only with MFA (every Allow statement
 * of its trust policy requires `aws:MultiFactorAuthPresent` true with `Bool`, not `BoolIfExists`,
 * which lets requests without the key through). Only a Role itself shows its tags and trust, so the
 * exception applies to `managedPolicyArns` on the role, never to a separate attachment.
 */
function isMfaBreakGlassRole(props: Record<string, unknown>): boolean | "unknown" {
  if (String(tagsOf(props)?.BreakGlass).toLowerCase() !== "true") return false;
  const trust = parsePolicyDocument(props.assumeRolePolicy);
  if (!trust.ok) return trust.unknown ? "unknown" : false;
  const allows = trust.statements.filter((s) => s.effect === "Allow");
  return allows.length > 0 && allows.every((s) => s.condition.Bool?.["aws:MultiFactorAuthPresent"]?.join() === "true");
}

interface Config {
  forbiddenPolicies: string[];
}

export const iamNoAdminManagedPolicies = resourcePolicy<Config>({
  name: "aws-iam-role-disallow-admin-managed-policies",
  description:
    "AWS-managed administrator-level policies (AdministratorAccess, PowerUserAccess, IAMFullAccess, ...) are not attached; the one exception is AdministratorAccess on a BreakGlass-tagged role whose trust requires MFA.",
  severity: "critical",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:IAM.1", "CIS-AWS-3.0:1.16", "PCI-DSS-4.0.1:7.2.2"],
  remediationSteps:
    "Write a customer-managed policy with the actions and resources the role needs and attach that instead. " +
    "The one exception: AdministratorAccess in the managedPolicyArns of a role tagged BreakGlass=true whose trust requires MFA.",
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
    const breakGlass = r.type === T.iamRole && isMfaBreakGlassRole(r.props);
    if (breakGlass === "unknown") return r.undecided("assumeRolePolicy", r.props.assumeRolePolicy);
    for (const arn of (arns ?? []) as unknown[]) {
      if (isUnknown(arn)) continue; // a computed ARN is a customer-managed policy created in this program
      const m = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(String(arn));
      if (m && breakGlass === true && m[1] === BREAK_GLASS_POLICY) continue;
      if (m && r.config.forbiddenPolicies.includes(m[1]))
        r.report(`${String(arn)} is an AWS-managed admin-level policy. Attach a scoped policy.`);
    }
  },
});
