import { strict as assert } from "node:assert";
import { originConditions } from "../../components/edge";
import { rotationPeriod, slotGenerations } from "../../components/edge/origin-secret";
import { SECRET_MASK } from "../../tools/harness";
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

  it("the ALB's CloudFront rules need the origin-verify header with either slot's value", () => {
    assert.deepEqual(JSON.parse(originConditions(["slot-a", "slot-b"])), [
      { field: "http-header", httpHeaderConfig: { httpHeaderName: "x-origin-verify", values: ["slot-a", "slot-b"] } },
    ]);
  });

  for (const stack of STACKS) {
    it(`${stack}: two slots, rotated every ${profiles[stack].edge.originSecretRotationDays} days; the ALB accepts both, the API host needs neither`, async () => {
      const run = await stackRun(stack);
      const slots = run.resources.filter(
        (r) => r.type === "random:index/randomPassword:RandomPassword" && r.name.startsWith("origin-verify"),
      );
      assert.deepEqual(slots.map((r) => r.name).sort(), ["origin-verify", "origin-verify-b"]);
      for (const s of slots) assert.match(String((s.inputs.keepers as Record<string, string>).generation), /^\d+$/);
      type Meta = { annotations: Record<string, string> };
      const ingress = (name: string) => {
        const found = run.resources.find(
          (r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress" && (r.inputs.metadata as { name: string }).name === name,
        );
        assert.ok(found, `Ingress ${name}`);
        return found;
      };
      for (const [name, service] of [
        ["storefront", "storefront"],
        ["api-origin", "api"],
      ]) {
        const i = ingress(name);
        // Secret in state and plan; built from both slots (the annotation's dependencies).
        assert.equal((i.inputs.metadata as Meta).annotations[`alb.ingress.kubernetes.io/conditions.${service}`], SECRET_MASK);
        for (const slot of slots) assert.ok(i.propertyDependencies?.metadata?.includes(slot.urn), `${name} accepts ${slot.name}`);
      }
      // The direct API host matches on the host alone: B2B clients never see or send the secret.
      const api = (ingress("api").inputs.metadata as Meta).annotations;
      assert.deepEqual(
        Object.keys(api).filter((k) => k.includes("/conditions.")),
        [],
      );
    });
  }
});
