import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "../../lib/iam";
import { accountRoot } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { AccountContext } from "./archive";

/**
 * Account password policy for the IAM users that must exist (humans sign in through IAM Identity
 * Center). CIS AWS Foundations 1.8/1.9 and Security Hub IAM.15: at least 14 characters and 24
 * remembered passwords; PCI DSS 8.3.6 asks for 12 characters, 8.3.7 for 4 remembered passwords and
 * 8.3.9 for a 90-day change where a password is the only factor.
 */
export const PASSWORD_POLICY = {
  minimumPasswordLength: 14,
  requireLowercaseCharacters: true,
  requireUppercaseCharacters: true,
  requireNumbers: true,
  requireSymbols: true,
  allowUsersToChangePassword: true,
  passwordReusePrevention: 24,
  maxPasswordAge: 90,
  hardExpiry: false,
} as const;

/**
 * What an IAM user may do without an MFA session: set up their own virtual MFA device, change
 * their own password, and read what those steps need (the AWS IAM user guide example
 * "Allows MFA-authenticated IAM users to manage their own credentials").
 */
export const MFA_SELF_SERVICE_ACTIONS = [
  "iam:CreateVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:ListMFADevices",
  "iam:ListVirtualMFADevices",
  "iam:ResyncMFADevice",
  "iam:ChangePassword",
  "iam:GetUser",
  "iam:GetAccountPasswordPolicy",
  "sts:GetSessionToken",
];

/** The break-glass role's one managed policy (the pack admits it only on an MFA-trusted, tagged role). */
export const BREAK_GLASS_POLICY = "AdministratorAccess";

/** Break-glass sessions end after an hour; the MFA code must be at most this old when assuming. */
export const BREAK_GLASS_SESSION_SECONDS = 3600;

export function createIdentityControls(parent: pulumi.Resource, naming: Naming, ctx: AccountContext) {
  const passwordPolicy = new aws.iam.AccountPasswordPolicy("password-policy", { ...PASSWORD_POLICY }, { parent });

  const userArn = pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:user/\${aws:username}`;
  const mfaArn = pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:mfa/\${aws:username}`;
  const requireMfa = new aws.iam.Policy(
    "require-mfa",
    {
      name: naming.physical("require-mfa", "iamRole"),
      description: "Denies everything but MFA self-service to an IAM user signed in without MFA",
      policy: policyDocument([
        {
          Sid: "ManageOwnMfaAndPassword",
          Effect: "Allow",
          Action: [
            "iam:CreateVirtualMFADevice",
            "iam:EnableMFADevice",
            "iam:ResyncMFADevice",
            "iam:ListMFADevices",
            "iam:ChangePassword",
            "iam:GetUser",
          ],
          Resource: [userArn, mfaArn],
        },
        {
          Sid: "ReadWhatSelfServiceNeeds",
          Effect: "Allow",
          Action: ["iam:ListVirtualMFADevices", "iam:GetAccountPasswordPolicy"],
          Resource: "*",
        },
        {
          Sid: "DenyAllElseWithoutMfa",
          Effect: "Deny",
          NotAction: MFA_SELF_SERVICE_ACTIONS,
          Resource: "*",
          Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
      ]),
    },
    { parent },
  );
  // Every IAM user for a human joins this group; the group carries the MFA guard.
  const humans = new aws.iam.Group("iam-users", { name: naming.physical("iam-users", "iamRole") }, { parent });
  new aws.iam.GroupPolicyAttachment("iam-users-require-mfa", { group: humans.name, policyArn: requireMfa.arn }, { parent });

  const breakGlassName = naming.physical("break-glass", "iamRole");
  const breakGlass = new aws.iam.Role(
    "break-glass",
    {
      name: breakGlassName,
      description: "Emergency administrator when IAM Identity Center is unavailable; MFA required, every use pages the on-call",
      maxSessionDuration: BREAK_GLASS_SESSION_SECONDS,
      assumeRolePolicy: policyDocument([
        {
          Sid: "OnlyWithFreshMfa",
          Effect: "Allow",
          Principal: { AWS: accountRoot(ctx.accountId, ctx.callerArn) },
          Action: "sts:AssumeRole",
          Condition: {
            Bool: { "aws:MultiFactorAuthPresent": "true" },
            NumericLessThan: { "aws:MultiFactorAuthAge": String(BREAK_GLASS_SESSION_SECONDS) },
          },
        },
      ]),
      // An emergency must not wait for a permission that was not foreseen: full administrator.
      // `managedPolicyArns` is exclusive (nothing else can be attached unnoticed) and lets the pack
      // see the tag and the MFA trust that its one AdministratorAccess exception requires
      // (aws-iam-role-disallow-admin-managed-policies; docs/security.md "Break-glass access").
      managedPolicyArns: [pulumi.interpolate`arn:${ctx.partition}:iam::aws:policy/${BREAK_GLASS_POLICY}`],
      tags: { Name: breakGlassName, BreakGlass: "true" },
    },
    { parent },
  );
  return { passwordPolicy, requireMfa, humans, breakGlass, breakGlassName };
}
