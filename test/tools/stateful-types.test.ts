import { strict as assert } from "node:assert";
import { STATEFUL_TYPES as PACK_LIST } from "../../policy-pack/policies/stack/stateful-resource-require-protect";
import { STATEFUL_TYPES } from "../../tools/urns";
import { stackRun } from "../support/stacks";

describe("one list of stateful types", () => {
  it("the URN guard uses the pack's list itself, not a copy", () => {
    assert.equal(STATEFUL_TYPES, PACK_LIST);
    for (const t of ["eks:index:Cluster", "aws:sns/topic:Topic", "aws:rds/instance:Instance", "aws:kms/key:Key"])
      assert.ok(PACK_LIST.has(t), t);
  });

  it("prod protects every resource of a stateful type, the EKS cluster and the alert topic included", async () => {
    const run = await stackRun("prod");
    const stateful = run.resources.filter((r) => PACK_LIST.has(r.type));
    assert.ok(stateful.some((r) => r.type === "eks:index:Cluster") && stateful.some((r) => r.type === "aws:sns/topic:Topic"));
    assert.deepEqual(
      stateful.filter((r) => !r.protect).map((r) => `${r.type} ${r.name}`),
      [],
    );
  });
});
