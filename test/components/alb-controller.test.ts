import { strict as assert } from "node:assert";
import { STACKS, stackRun } from "../support/stacks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The AWS Load Balancer Controller may only be asked to do what its IAM policy allows: Shield and
 * WAF Classic (`--enable-shield`, `--enable-waf`, both on by default) are off because the policy
 * grants no `shield:` or `waf-regional:` action; WAFv2 stays on with its actions granted.
 */
for (const stack of STACKS) {
  it(`${stack}: the load balancer controller's Shield and WAF Classic features are off, matching its IAM policy`, async () => {
    const run = await stackRun(stack);
    const release = run.resources.find(
      (r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name === "aws-load-balancer-controller",
    );
    const values = release!.inputs.values as Json;
    assert.equal(values.enableShield, false);
    assert.equal(values.enableWaf, false);
    assert.notEqual(values.enableWafv2, false);
    const policies = run.resources.filter(
      (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && String(r.name).includes("aws-load-balancer-controller"),
    );
    assert.ok(policies.length > 0, "the controller's policy");
    const actions = policies.flatMap((p) =>
      (JSON.parse(p.inputs.policy as string).Statement as Json[]).flatMap((s) => [s.Action].flat()),
    );
    assert.ok(!actions.some((a: string) => a.startsWith("shield:") || a.startsWith("waf-regional:")), actions.join(","));
    assert.ok(actions.includes("wafv2:AssociateWebACL"));
  });
}
