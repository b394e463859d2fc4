/**
 * The speed hooks the pack's entry point installs on the stock server: deserialized properties
 * are reused across the policies of one request, and results do not change.
 */
import * as assert from "node:assert/strict";
import { memoizeDeserialization } from "../lib/serve";
import { allPolicies } from "../policies";
import { analyzeWith } from "./helpers";

const role = {
  type: "aws:iam/role:Role",
  props: {
    name: "app",
    assumeRolePolicy: JSON.stringify({
      Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
    }),
    tags: { Project: "p" },
  },
};

describe("policy-pack serving hooks", () => {
  it("deserializes a request's properties once for all policies, with the same verdict", async () => {
    const before = await analyzeWith(allPolicies, role);
    const memo = memoizeDeserialization();
    const hits = memo.hits();
    const after = await analyzeWith(allPolicies, role);
    assert.ok(memo.hits() - hits > 10, `only ${memo.hits() - hits} cache hits`);
    assert.deepEqual(after.diagnostics, before.diagnostics);
    assert.deepEqual(after.notApplicable, before.notApplicable);
    assert.ok(
      before.violations.some((v) => v.includes('"*"')),
      "the planted public trust is reported",
    );
  });

  it("lists the policies of other resource types as not applicable", async () => {
    const r = await analyzeWith(allPolicies, { type: "aws:sqs/queue:Queue", props: {} });
    assert.ok(r.notApplicable.length > 100);
  });
});
