/**
 * The self-healing mechanisms docs/failure-modes.md counts on, per stack. Probes and
 * PodDisruptionBudgets of the services are asserted in service.test.ts; the pack's
 * kubernetes-pod-require-probes policy holds them for every pod.
 */
import { strict as assert } from "node:assert";
import { ofType } from "../../tools/harness";
import { STACKS, stackRun } from "../support/stacks";

for (const stack of STACKS) {
  describe(`self-healing (${stack})`, () => {
    it("turns EKS node auto repair on for both managed node groups", async () => {
      const groups = ofType(await stackRun(stack), "aws:eks/nodeGroup:NodeGroup");
      assert.deepEqual(groups.map((g) => g.name).sort(), ["apps", "system"]);
      for (const g of groups)
        assert.deepEqual((g.inputs as { nodeRepairConfig: unknown }).nodeRepairConfig, { enabled: true }, g.name);
    });

    it(`runs the primary database ${stack === "dev" ? "single-AZ (dev)" : "Multi-AZ, so RDS fails over by itself"}`, async () => {
      const primary = ofType(await stackRun(stack), "aws:rds/instance:Instance").find((r) => r.name === "primary")!;
      assert.equal((primary.inputs as { multiAz: boolean }).multiAz, stack !== "dev");
    });
  });
}
