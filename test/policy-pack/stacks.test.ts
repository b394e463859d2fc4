/**
 * Our own program against the pack: each stack runs under the mock harness, every registered
 * resource goes through the `analyze` RPC with all policies and the whole stack through
 * `analyzeStack`, configured from stacks/<stack>.policy.json as `--policy-pack-config` would.
 * Offline, remote components are one resource each (their inputs are checked; their children
 * are checked at a real preview) and values are mock answers, not provider-checked inputs.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allPolicies } from "../../policy-pack/policies";
import { ROOT, StackRun } from "../../tools/harness";
import { STACKS, stackRun } from "../support/stacks";
import {
  analyzeStackWith,
  analyzeWith,
  configurePack,
  Diagnostic,
  PackConfig,
  ResourceInput,
} from "../../policy-pack/test/helpers";

function inputsOf(run: StackRun): ResourceInput[] {
  return run.resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    // A copy: the run is shared with other test files, and remediating policies rewrite inputs.
    props: structuredClone(r.inputs),
    protect: r.protect,
    parent: r.parent ?? undefined,
    dependencies: r.dependencies,
  }));
}

for (const stack of STACKS) {
  describe(`policy-pack against the ${stack} stack`, () => {
    let diagnostics: Diagnostic[] = [];
    let resources: ResourceInput[] = [];
    before(async () => {
      const config = JSON.parse(fs.readFileSync(path.join(ROOT, "stacks", `${stack}.policy.json`), "utf8")) as PackConfig;
      const policies = configurePack(allPolicies, config);
      resources = inputsOf(await stackRun(stack));
      diagnostics = [];
      for (const r of resources)
        diagnostics.push(...(await analyzeWith(policies, r)).diagnostics.map((d) => ({ ...d, urn: r.urn })));
      diagnostics.push(...(await analyzeStackWith(policies, resources)).diagnostics);
    });

    it("analyzes the stack's resources", () => {
      assert.ok(resources.length > 10, `only ${resources.length} resources`);
    });

    it("has zero mandatory violations", () => {
      const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory");
      assert.deepEqual(
        mandatory.map((d) => `${d.policyName} ${d.urn ?? ""}: ${d.message.split("\n").slice(1).join(" ")}`),
        [],
      );
    });

    it("reports advisory findings only from policies the stack's config makes advisory", () => {
      const config = JSON.parse(fs.readFileSync(path.join(ROOT, "stacks", `${stack}.policy.json`), "utf8")) as PackConfig;
      const level = (name: string) => {
        const c = config[name];
        return typeof c === "string" ? c : c?.enforcementLevel;
      };
      const unexpected = diagnostics.filter((d) => d.enforcementLevel === "advisory" && level(d.policyName) !== "advisory");
      assert.deepEqual(
        unexpected.map((d) => `${d.policyName}: ${d.message}`),
        [],
      );
    });
  });
}
