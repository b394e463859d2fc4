import { strict as assert } from "node:assert";
import { rotationPeriod, slotGenerations } from "../../components/edge/origin-secret";
import { profiles } from "../../stacks";
import { STACKS, stackRun } from "../support/stacks";

describe("CloudFront-to-ALB origin secret rotation", () => {
  it("each rotation renews only the slot CloudFront does not send, then sends it", () => {
    for (let p = 0; p < 20; p++) {
      const before = slotGenerations(p);
      const after = slotGenerations(p + 1);
      const renewed = (["a", "b"] as const).filter((s) => before[s] !== after[s]);
      assert.equal(renewed.length, 1, `period ${p} -> ${p + 1}`);
      assert.notEqual(renewed[0], before.current, "the value CloudFront still sends stays accepted");
      assert.equal(after.current, renewed[0], "CloudFront switches to the new value");
    }
  });

  it("counts periods of the configured length", () => {
    const day = 86_400_000;
    assert.equal(rotationPeriod(30, new Date(30 * day * 7)), 7);
    assert.equal(rotationPeriod(30, new Date(30 * day * 7 - 1)), 6);
  });

  for (const stack of STACKS) {
    it(`${stack}: two slots, rotated every ${profiles[stack].edge.originSecretRotationDays} days; the ALB accepts both, the API host needs neither`, async () => {
      const run = await stackRun(stack);
      const slots = run.resources.filter(
        (r) => r.type === "random:index/randomPassword:RandomPassword" && r.name.startsWith("origin-verify"),
      );
      assert.deepEqual(slots.map((r) => r.name).sort(), ["origin-verify", "origin-verify-b"]);
      for (const s of slots) assert.match(String((s.inputs.keepers as Record<string, string>).generation), /^\d+$/);
      const rule = (name: string) =>
        run.resources.find((r) => r.type === "aws:lb/listenerRule:ListenerRule" && r.name === name)!.inputs;
      const header = (rule("origin-storefront").conditions as { httpHeader?: { values: string[] } }[]).find((c) => c.httpHeader);
      assert.equal(header?.httpHeader?.values.length, 2);
      // The direct API host matches on the host alone: B2B clients never see or send the secret.
      assert.deepEqual(
        (rule("api-host").conditions as Record<string, unknown>[]).map((c) => Object.keys(c)[0]),
        ["hostHeader"],
      );
    });
  }
});
