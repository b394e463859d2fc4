import { iamNoPassRoleWildcard } from "../policies/iam/policy-disallow-passrole-wildcard";
import { iamNoUnknownActions } from "../policies/iam/policy-disallow-unknown-actions";
import { iamNoWildcardAction } from "../policies/iam/policy-disallow-wildcard-action";
import { iamNoWildcardResourceOnSecretReads } from "../policies/iam/policy-disallow-wildcard-resource-on-secret-reads";
import { iamNoWildcardResourceOnWrite } from "../policies/iam/policy-disallow-wildcard-resource-on-write";
import { iamNoIamPermissionsManagement } from "../policies/iam/policy-disallow-iam-permissions-management";
import { iamNoAdminManagedPolicies } from "../policies/iam/role-disallow-admin-policies";
import { iamNoPublicTrust } from "../policies/iam/role-disallow-public-trust";
import { iamScopedWebIdentityTrust } from "../policies/iam/role-require-scoped-web-identity-trust";
import { iamNoUserPolicies } from "../policies/iam/user-disallow-policies";
import { expandAction } from "../lib/iam/catalogue";
import { analyzeDocument, mutatingOnAllResources } from "../lib/iam/analyze";
import { parsePolicyDocument } from "../lib/iam/document";
import { UNKNOWN_STRING } from "../lib/props";
import { analyze, assertEqual, describePolicy, Props } from "./helpers";

const BUCKET = "arn:aws:s3:::b2b-prod-assets";
/** A least-privilege document as the program renders it (JSON string). */
const doc = (statements: Props[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const readWrite = [
  { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [BUCKET, `${BUCKET}/*`] },
  { Sid: "Write", Effect: "Allow", Action: "s3:PutObject", Resource: `${BUCKET}/*` },
  // ec2:DescribeInstances supports no resource-level scoping: "*" is the only option.
  { Sid: "Describe", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
];
const policy = { policy: doc(readWrite) };
const withStatement = (s: Props) => (p: Props) => (p.policy = doc([...readWrite, s]));

describe("policy-pack iam", () => {
  describe("IAM document analysis (lib/iam)", () => {
    it("expands s3:Put* against the catalogue and classifies PutBucketPolicy as Permissions management", async () => {
      const e = await expandAction("s3:Put*");
      const pbp = e.matches.find((m) => m.action === "s3:PutBucketPolicy");
      assertEqual([e.unknown, pbp?.accessLevels.includes("Permissions management")], [false, true], "expansion");
      if (e.matches.length < 20) throw new Error(`expected many s3:Put* actions, got ${e.matches.length}`);
    });
    it("reports a misspelt action and an unknown service as unknown", async () => {
      assertEqual(
        [(await expandAction("s3:GetObjekt")).unknown, (await expandAction("s4:GetObject")).unknown],
        [true, true],
        "unknown",
      );
    });
    it("parses Statement as an object, Principal '*' and {AWS: '*'}", () => {
      const a = parsePolicyDocument({ Statement: { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" } });
      const b = parsePolicyDocument({
        Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, NotAction: "s3:*", NotResource: BUCKET }],
      });
      if (!a.ok || !b.ok) throw new Error("parse failed");
      assertEqual(
        [a.statements[0].principals, b.statements[0].notActions, b.statements[0].notResources],
        [[{ type: "*", values: ["*"] }], ["s3:*"], [BUCKET]],
        "parsed",
      );
    });
    it("treats NotResource as every resource and leaves out wildcard-only actions", async () => {
      const a = await analyzeDocument({
        Statement: [{ Effect: "Allow", Action: ["s3:DeleteObject", "ec2:DescribeInstances"], NotResource: BUCKET }],
      });
      if (!a.ok) throw new Error("analysis failed");
      assertEqual(mutatingOnAllResources(a.statements[0]), ["s3:DeleteObject"], "mutating on all");
    });
  });

  describePolicy({
    policy: iamNoWildcardAction,
    type: "aws:iam/policy:Policy",
    compliant: policy,
    alsoCompliant: [
      {
        name: "a Deny with '*'",
        change: withStatement({
          Effect: "Deny",
          Action: "*",
          Resource: "*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        }),
      },
      {
        name: "a role with a scoped inline policy",
        type: "aws:iam/role:Role",
        change: (p) => (p.inlinePolicies = [{ name: "x", policy: p.policy }]),
      },
    ],
    violations: [
      {
        name: 'Action "*"',
        change: withStatement({ Effect: "Allow", Action: "*", Resource: BUCKET }),
        expect: "allows every action (*)",
      },
      {
        name: 'service wildcard "s3:*"',
        change: withStatement({ Effect: "Allow", Action: "s*:*", Resource: BUCKET }),
        expect: "allows every action",
      },
      {
        name: "NotAction",
        change: withStatement({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
        expect: "NotAction iam:*",
      },
      { name: "invalid JSON", change: (p) => (p.policy = "{not json"), expect: "not a valid policy document" },
    ],
  });
  describePolicy({
    policy: iamNoWildcardResourceOnSecretReads,
    type: "aws:iam/policy:Policy",
    compliant: policy,
    alsoCompliant: [
      {
        name: "secrets named by ARN",
        change: withStatement({
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue", "ssm:GetParameters"],
          Resource: [
            "arn:aws:secretsmanager:eu-central-1:111122223333:secret:shop/db-*",
            "arn:aws:ssm:eu-central-1:111122223333:parameter/shop/*",
          ],
        }),
      },
      {
        name: "an action AWS cannot scope (ecr:GetAuthorizationToken, sts:GetSessionToken)",
        change: withStatement({ Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "sts:GetSessionToken"], Resource: "*" }),
      },
      {
        name: "a tag-scoped statement (ABAC)",
        change: withStatement({
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: "*",
          Condition: { StringEquals: { "aws:ResourceTag/team": "shop" } },
        }),
      },
      {
        name: "a statement limited to our organisation",
        change: withStatement({
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "*",
          Condition: { StringEquals: { "aws:ResourceAccount": "111122223333", "aws:PrincipalOrgID": "o-abc123" } },
        }),
      },
      {
        name: "an action limited by its own condition key (secretsmanager:SecretId)",
        change: withStatement({
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: "*",
          Condition: { StringEquals: { "secretsmanager:SecretId": "shop/db" } },
        }),
      },
      {
        name: "a Deny on every resource",
        change: withStatement({ Effect: "Deny", Action: ["s3:GetObject", "sts:AssumeRole"], Resource: "*" }),
      },
      {
        name: "an action configured as an exception",
        change: withStatement({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
        config: { allowedActions: ["S3:GetObject"] },
      },
    ],
    violations: [
      {
        name: "s3:GetObject on every bucket",
        change: withStatement({ Sid: "ReadAll", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
        expect: "statement ReadAll allows reading data or credentials from every resource: s3:GetObject.",
      },
      {
        name: "ssm:GetParameter* and secrets through wildcards, with a condition that narrows nothing",
        change: withStatement({
          Effect: "Allow",
          Action: ["ssm:GetParameter*", "secretsmanager:Get*"],
          Resource: "*",
          Condition: { Bool: { "aws:SecureTransport": "true" } },
        }),
        expect:
          /\(no Sid\) allows reading data or credentials from every resource: ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath, secretsmanager:GetSecretValue/,
      },
      {
        name: "sts:AssumeRole on every role, written in lower case",
        change: withStatement({ Effect: "Allow", Action: "STS:assumerole", Resource: ["*"] }),
        expect: "every resource: sts:AssumeRole.",
      },
      {
        name: "NotResource",
        change: withStatement({
          Effect: "Allow",
          Action: "iam:CreateAccessKey",
          NotResource: "arn:aws:iam::111122223333:user/admin",
        }),
        expect: "every resource: iam:CreateAccessKey.",
      },
      {
        name: "every action on every resource",
        change: withStatement({ Effect: "Allow", Action: "*", Resource: "*" }),
        expect: "every resource: *.",
      },
      {
        name: "a condition on another action's key",
        change: withStatement({
          Effect: "Allow",
          Action: "ec2:GetPasswordData",
          Resource: "*",
          Condition: { StringEquals: { "secretsmanager:SecretId": "x" } },
        }),
        expect: "every resource: ec2:GetPasswordData.",
      },
      {
        name: "an exception for another action",
        change: withStatement({ Effect: "Allow", Action: "rds-db:connect", Resource: "*" }),
        config: { allowedActions: ["s3:GetObject"] },
        expect: "every resource: rds-db:connect.",
      },
    ],
    unknown: ["policy"],
  });
  describePolicy({
    policy: iamNoWildcardResourceOnWrite,
    type: "aws:iam/rolePolicy:RolePolicy",
    compliant: policy,
    alsoCompliant: [
      {
        name: "a tag-scoped statement (as the AWS Load Balancer Controller's policy)",
        change: withStatement({
          Effect: "Allow",
          Action: "ec2:DeleteSecurityGroup",
          Resource: "*",
          Condition: { Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } },
        }),
      },

      {
        name: "a write limited by the action's own condition key (cloudwatch:PutMetricData by cloudwatch:namespace)",
        change: withStatement({
          Effect: "Allow",
          Action: "cloudwatch:PutMetricData",
          Resource: "*",
          Condition: { StringEquals: { "cloudwatch:namespace": "CloudWatchSynthetics" } },
        }),
      },
      {
        name: "an action configured as an exception",
        change: withStatement({ Effect: "Allow", Action: "ec2:CreateTags", Resource: "*" }),
        config: { allowedActions: ["ec2:CreateTags"] },
      },
    ],
    violations: [
      {
        name: "a tag-scoped statement when the config turns ABAC off",
        change: withStatement({
          Effect: "Allow",
          Action: "ec2:DeleteSecurityGroup",
          Resource: "*",
          Condition: { Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } },
        }),
        expect: "ec2:DeleteSecurityGroup",
        config: { allowTagScoped: false },
      },

      {
        name: "cloudwatch:PutMetricData on * limited only by a global key",
        change: withStatement({
          Effect: "Allow",
          Action: "cloudwatch:PutMetricData",
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
        }),
        expect: "cloudwatch:PutMetricData",
      },
      {
        name: "s3:Put* on *",
        change: withStatement({ Effect: "Allow", Action: "s3:Put*", Resource: "*" }),
        expect: /s3:Put\w+, .* and \d+ more/,
      },
      {
        name: "Tagging action on *",
        change: withStatement({ Effect: "Allow", Action: "ec2:CreateTags", Resource: "*" }),
        expect: "ec2:CreateTags",
      },
      {
        name: "write on NotResource",
        change: withStatement({ Effect: "Allow", Action: "s3:DeleteObject", NotResource: BUCKET }),
        expect: "s3:DeleteObject",
      },
    ],
  });
  describePolicy({
    policy: iamNoPassRoleWildcard,
    type: "aws:iam/policy:Policy",
    compliant: {
      policy: doc([
        ...readWrite,
        { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/b2b-prod-node" },
      ]),
    },
    violations: [
      {
        name: "iam:PassRole on *",
        change: withStatement({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
        expect: "iam:PassRole on every role",
      },
      {
        name: "iam:Pass* on *",
        change: withStatement({ Effect: "Allow", Action: "iam:Pass*", Resource: "*" }),
        expect: "iam:PassRole",
      },
    ],
  });
  describePolicy({
    policy: iamNoUnknownActions,
    type: "aws:iam/userPolicy:UserPolicy",
    compliant: policy,
    alsoCompliant: [
      {
        name: "a key policy with real actions",
        type: "aws:kms/key:Key",
        change: (p) =>
          (p.policy = doc([
            { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
          ])),
      },
    ],
    violations: [
      {
        name: "a typo in an Allow",
        change: withStatement({ Effect: "Allow", Action: "s3:GetObjekt", Resource: BUCKET }),
        expect: "s3:GetObjekt",
      },
      {
        name: "a typo in a Deny",
        change: withStatement({ Effect: "Deny", Action: "s3:DeleteObjects", Resource: BUCKET }),
        expect: "s3:DeleteObjects",
      },
    ],
  });
  describePolicy({
    policy: iamNoIamPermissionsManagement,
    type: "aws:iam/policy:Policy",
    compliant: policy,
    alsoCompliant: [
      {
        name: "an action configured as an exception",
        change: withStatement({
          Effect: "Allow",
          Action: "iam:PutRolePolicy",
          Resource: "arn:aws:iam::123456789012:role/x",
        }),
        config: { allowedActions: ["iam:PutRolePolicy"] },
      },
    ],
    violations: [
      {
        name: "iam:PutRolePolicy",
        change: withStatement({ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "arn:aws:iam::123456789012:role/x" }),
        expect: "iam:PutRolePolicy",
      },
      {
        name: "iam:Attach*",
        change: withStatement({ Effect: "Allow", Action: "iam:Attach*", Resource: "arn:aws:iam::123456789012:role/x" }),
        expect: "iam:AttachRolePolicy",
      },
    ],
  });
  it("an unknown policy document at preview is undecided", async () => {
    const r = await analyze(iamNoWildcardAction, { type: "aws:iam/policy:Policy", props: { policy: UNKNOWN_STRING } });
    assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "result");
  });

  describePolicy({
    policy: iamNoAdminManagedPolicies,
    type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    compliant: { role: "node", policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" },
    alsoCompliant: [
      { name: "a customer-managed policy created here (unknown ARN)", change: (p) => (p.policyArn = UNKNOWN_STRING) },
      {
        name: "a role with scoped managed policies",
        type: "aws:iam/role:Role",
        change: (p) => (p.managedPolicyArns = [p.policyArn]),
      },
    ],
    violations: [
      {
        name: "AdministratorAccess",
        change: (p) => (p.policyArn = "arn:aws:iam::aws:policy/AdministratorAccess"),
        expect: "AdministratorAccess is an AWS-managed admin-level policy",
      },
      {
        name: "PowerUserAccess",
        change: (p) => (p.policyArn = "arn:aws:iam::aws:policy/PowerUserAccess"),
        expect: "PowerUserAccess",
      },
    ],
  });
  describe("aws-iam-role-disallow-admin-managed-policies: the break-glass exception", () => {
    const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    const trust = (condition: Props) =>
      doc([
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "sts:AssumeRole",
          Condition: condition,
        },
      ]);
    const MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } };
    const role = (p: Props) => ({
      type: "aws:iam/role:Role",
      props: { managedPolicyArns: [ADMIN], tags: { BreakGlass: "true" }, assumeRolePolicy: trust(MFA), ...p },
    });
    const messages = async (p: Props) => (await analyze(iamNoAdminManagedPolicies, role(p))).violations;
    it("passes AdministratorAccess on a role tagged BreakGlass=true whose trust requires MFA", async () => {
      assertEqual(await messages({}), [], "violations");
    });
    it("reports it on a break-glass-tagged role whose trust does not require MFA", async () => {
      const v = await messages({ assumeRolePolicy: trust({}) });
      assertEqual(v.length, 1, `violations ${JSON.stringify(v)}`);
    });
    it("reports it when the trust only says BoolIfExists (a request without the key passes)", async () => {
      const v = await messages({ assumeRolePolicy: trust({ BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }) });
      assertEqual(v.length, 1, `violations ${JSON.stringify(v)}`);
    });
    it("reports it on an MFA-trusted role without the BreakGlass tag", async () => {
      const v = await messages({ tags: { Name: "admin" } });
      assertEqual(v.length, 1, `violations ${JSON.stringify(v)}`);
    });
    it("still reports the other admin-level policies on a break-glass role", async () => {
      const v = await messages({ managedPolicyArns: [ADMIN, "arn:aws:iam::aws:policy/IAMFullAccess"] });
      assertEqual(v.length === 1 && v[0].includes("IAMFullAccess"), true, `violations ${JSON.stringify(v)}`);
    });
    it("still reports AdministratorAccess attached to a break-glass role by a separate attachment", async () => {
      const r = await analyze(iamNoAdminManagedPolicies, {
        type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        props: { role: "b2b-prod-break-glass", policyArn: ADMIN },
      });
      assertEqual(r.violations.length, 1, "violations");
    });
    it("cannot decide at preview while the break-glass role's trust is unknown", async () => {
      const r = await analyze(iamNoAdminManagedPolicies, role({ assumeRolePolicy: UNKNOWN_STRING }));
      assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "result");
    });
  });
  describePolicy({
    policy: iamNoUserPolicies,
    type: "aws:iam/policyAttachment:PolicyAttachment",
    compliant: { policyArn: "arn:aws:iam::123456789012:policy/x", roles: ["node"], users: [] },
    violations: [{ name: "attached to users", change: (p) => (p.users = ["alice"]), expect: "attaches to IAM users" }],
  });
  it("aws-iam-user-disallow-policies reports every user policy attachment", async () => {
    const r = await analyze(iamNoUserPolicies, {
      type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
      props: { user: "alice", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
    });
    assertEqual(r.violations.length, 1, "violations");
  });

  const issuer = "oidc.eks.eu-central-1.amazonaws.com/id/ABC";
  const irsa = {
    Effect: "Allow",
    Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}` },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: {
        [`${issuer}:sub`]: "system:serviceaccount:external-secrets:external-secrets",
        [`${issuer}:aud`]: "sts.amazonaws.com",
      },
    },
  };
  const cognitoGuest = {
    Effect: "Allow",
    Principal: { Federated: "cognito-identity.amazonaws.com" },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: { "cognito-identity.amazonaws.com:aud": "eu-central-1:11111111-2222-3333-4444-555555555555" },
      "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" },
    },
  };
  describePolicy({
    policy: iamScopedWebIdentityTrust,
    type: "aws:iam/role:Role",
    compliant: { assumeRolePolicy: doc([irsa]) },
    alsoCompliant: [
      {
        name: "a Cognito identity pool's guest role (aud = one pool, amr = unauthenticated)",
        change: (p) => (p.assumeRolePolicy = doc([cognitoGuest])),
      },
      {
        name: "a service trust policy",
        change: (p) =>
          (p.assumeRolePolicy = doc([
            { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
          ])),
      },
    ],
    violations: [
      {
        name: "a Cognito trust without the pool (any identity pool's guests)",
        change: (p) =>
          (p.assumeRolePolicy = doc([
            {
              ...cognitoGuest,
              Condition: { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" } },
            },
          ])),
        expect: "exactly one identity pool",
      },
      {
        name: "a Cognito trust without amr",
        change: (p) =>
          (p.assumeRolePolicy = doc([
            {
              ...cognitoGuest,
              Condition: {
                StringEquals: { "cognito-identity.amazonaws.com:aud": "eu-central-1:11111111-2222-3333-4444-555555555555" },
              },
            },
          ])),
        expect: "authenticated or unauthenticated",
      },
      {
        name: "no sub condition",
        change: (p) =>
          (p.assumeRolePolicy = doc([{ ...irsa, Condition: { StringEquals: { [`${issuer}:aud`]: "sts.amazonaws.com" } } }])),
        expect: "exactly one service account",
      },
      {
        name: "sub with StringLike wildcard",
        change: (p) =>
          (p.assumeRolePolicy = doc([
            {
              ...irsa,
              Condition: {
                StringEquals: { [`${issuer}:aud`]: "sts.amazonaws.com" },
                StringLike: { [`${issuer}:sub`]: "system:serviceaccount:*:*" },
              },
            },
          ])),
        expect: "StringLike is not binding",
      },
      {
        name: "two service accounts",
        change: (p) =>
          (p.assumeRolePolicy = doc([
            {
              ...irsa,
              Condition: {
                StringEquals: {
                  [`${issuer}:sub`]: ["system:serviceaccount:a:a", "system:serviceaccount:b:b"],
                  [`${issuer}:aud`]: "sts.amazonaws.com",
                },
              },
            },
          ])),
        expect: "exactly one service account",
      },
      {
        name: "no aud condition",
        change: (p) =>
          (p.assumeRolePolicy = doc([
            { ...irsa, Condition: { StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:a:a" } } },
          ])),
        expect: "aud = sts.amazonaws.com",
      },
    ],
  });
  describePolicy({
    policy: iamNoPublicTrust,
    type: "aws:iam/role:Role",
    compliant: {
      assumeRolePolicy: doc([
        {
          Effect: "Allow",
          Principal: { Service: "eks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        },
      ]),
    },
    violations: [
      {
        name: 'Principal "*"',
        change: (p) => (p.assumeRolePolicy = doc([{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }])),
        expect: 'lets anyone ("*")',
      },
      {
        name: 'Principal {AWS: "*"}',
        change: (p) => (p.assumeRolePolicy = doc([{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }])),
        expect: 'lets anyone ("*")',
      },
    ],
  });
});
