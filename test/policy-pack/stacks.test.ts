/**
 * Our own program against the pack (test/support/stacks.ts stackDiagnostics, shared with the README
 * test): each stack runs under the mock harness, every registered
 * resource goes through the `analyze` RPC with all policies and the whole stack through
 * `analyzeStack`, configured from stacks/<stack>.policy.json as `--policy-pack-config` would.
 * Offline, remote components are one resource each (their inputs are checked; their children
 * are checked at a real preview) and values are mock answers, not provider-checked inputs.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../../tools/harness";
import { STACKS, stackDiagnostics, stackRun } from "../support/stacks";
import type { Diagnostic, PackConfig } from "../../policy-pack/test/helpers";

for (const stack of STACKS) {
  describe(`policy-pack against the ${stack} stack`, () => {
    let diagnostics: Diagnostic[] = [];
    const requested = stackDiagnostics(stack); // asked for as the file loads: the worker computes it ahead
    before(async () => {
      diagnostics = await requested;
    });

    it("analyzes the stack's resources", async () => {
      const run = await stackRun(stack);
      assert.ok(run.resources.length > 10, `only ${run.resources.length} resources`);
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
