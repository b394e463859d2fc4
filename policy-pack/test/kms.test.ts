import { kmsKeyNoPublicPrincipal } from "../policies/kms/key-disallow-public-principal";
import { kmsKeyDeletionWindow } from "../policies/kms/key-require-deletion-window";
import { kmsKeyRequireRotation } from "../policies/kms/key-require-rotation";
import { analyze, assertEqual, describePolicy, remediate } from "./helpers";
import { UNKNOWN_STRING } from "../lib/props";

const key = { description: "data key", enableKeyRotation: true, deletionWindowInDays: 30, tagsAll: {} };

describe("policy-pack kms", () => {
  describePolicy({
    policy: kmsKeyRequireRotation,
    type: "aws:kms/key:Key",
    compliant: key,
    alsoCompliant: [
      {
        name: "an asymmetric key (cannot rotate)",
        change: (p) => ((p.enableKeyRotation = false), (p.customerMasterKeySpec = "RSA_2048")),
      },
    ],
    violations: [
      { name: "rotation off", change: (p) => (p.enableKeyRotation = false), expect: "enableKeyRotation: true" },
      { name: "rotation unset", change: (p) => delete p.enableKeyRotation, expect: "Key rotation is off" },
    ],
  });
  it("remediation turns rotation on", async () => {
    const fixed = await remediate(kmsKeyRequireRotation, {
      type: "aws:kms/key:Key",
      props: { ...key, enableKeyRotation: false },
    });
    assertEqual(fixed?.enableKeyRotation, true, "enableKeyRotation after remediation");
  });
  it("an unknown rotation flag at preview yields the server's advisory, not a pass", async () => {
    const r = await analyze(kmsKeyRequireRotation, {
      type: "aws:kms/key:Key",
      props: { ...key, enableKeyRotation: UNKNOWN_STRING },
    });
    assertEqual(r.cannotRunAtPreview, true, "can't run at preview");
    assertEqual(r.diagnostics[0]?.enforcementLevel, "advisory", "level");
  });

  const root = {
    Sid: "Root",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::123456789012:root" },
    Action: "kms:*",
    Resource: "*",
  };
  const doc = (st: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: st });
  describePolicy({
    policy: kmsKeyNoPublicPrincipal,
    type: "aws:kms/key:Key",
    compliant: { ...key, policy: doc([root]) },
    alsoCompliant: [
      { name: "no policy (the default key policy)", change: (p) => delete p.policy },
      {
        name: '"*" bound with kms:CallerAccount and kms:ViaService',
        change: (p) =>
          (p.policy = doc([
            root,
            {
              Effect: "Allow",
              Principal: { AWS: "*" },
              Action: "kms:Decrypt",
              Resource: "*",
              Condition: {
                StringEquals: {
                  "kms:CallerAccount": "123456789012",
                  "kms:ViaService": "secretsmanager.eu-central-1.amazonaws.com",
                },
              },
            },
          ])),
      },
      {
        name: 'a Deny to "*"',
        change: (p) => (p.policy = doc([root, { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }])),
      },
    ],
    violations: [
      {
        name: 'Principal "*" unconditioned',
        change: (p) =>
          (p.policy = doc([root, { Sid: "Open", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }])),
        expect: 'Statement Open allows principal "*"',
      },
      {
        name: '{AWS: "*"} with a non-binding condition',
        change: (p) =>
          (p.policy = doc([
            root,
            {
              Effect: "Allow",
              Principal: { AWS: "*" },
              Action: "kms:Decrypt",
              Resource: "*",
              Condition: { StringEquals: { "kms:CallerAccount": "*" } },
            },
          ])),
        expect: 'allows principal "*"',
      },
      { name: "an invalid policy", change: (p) => (p.policy = "{not json"), expect: "The key policy is invalid: " },
    ],
    unknown: ["policy"],
  });
  describePolicy({
    policy: kmsKeyDeletionWindow,
    type: "aws:kms/key:Key",
    compliant: key,
    alsoCompliant: [
      {
        name: "7 days where the stack config allows it",
        change: (p) => (p.deletionWindowInDays = 7),
        config: { minimumDays: 7 },
      },
    ],
    violations: [
      { name: "7-day window", change: (p) => (p.deletionWindowInDays = 7), expect: "deletionWindowInDays is 7; use at least 30" },
    ],
  });
});
