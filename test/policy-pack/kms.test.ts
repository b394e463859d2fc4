import { kmsKeyRequireRotation } from "../../policy-pack/policies/kms/key-require-rotation";
import { analyze, assertEqual, describePolicy, remediate } from "./helpers";
import { UNKNOWN_STRING } from "../../policy-pack/lib/props";

const key = { description: "data key", enableKeyRotation: true, deletionWindowInDays: 30, tagsAll: {} };

describe("policy-pack kms", () => {
  describePolicy({
    policy: kmsKeyRequireRotation,
    type: "aws:kms/key:Key",
    compliant: key,
    alsoCompliant: [{ name: "an asymmetric key (cannot rotate)", change: (p) => ((p.enableKeyRotation = false), (p.customerMasterKeySpec = "RSA_2048")) }],
    violations: [
      { name: "rotation off", change: (p) => (p.enableKeyRotation = false), expect: "enableKeyRotation: true" },
      { name: "rotation unset", change: (p) => delete p.enableKeyRotation, expect: "Key rotation is off" },
    ],
  });
  it("remediation turns rotation on", async () => {
    const fixed = await remediate(kmsKeyRequireRotation, { type: "aws:kms/key:Key", props: { ...key, enableKeyRotation: false } });
    assertEqual(fixed?.enableKeyRotation, true, "enableKeyRotation after remediation");
  });
  it("an unknown rotation flag at preview yields the server's advisory, not a pass", async () => {
    const r = await analyze(kmsKeyRequireRotation, { type: "aws:kms/key:Key", props: { ...key, enableKeyRotation: UNKNOWN_STRING } });
    assertEqual(r.cannotRunAtPreview, true, "can't run at preview");
    assertEqual(r.diagnostics[0]?.enforcementLevel, "advisory", "level");
  });
});
