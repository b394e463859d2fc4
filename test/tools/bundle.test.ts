/**
 * tools/bundle.mjs: the plan's one-file bundle is rebuilt exactly when an input changed. (That the
 * bundled plan behaves as the sources do is shown by test/tools/plan.test.ts, whose command-line
 * cases run the `plan` script of package.json, i.e. the bundle.)
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../../tools/root";

interface BundleModule {
  bundle(entry: string): Promise<string>;
  CACHE_DIR: string;
}
interface Manifest {
  esbuild: string;
  self: string;
  inputs: Record<string, string>;
}

describe("tools/bundle.mjs", () => {
  let tools: BundleModule;
  let out: string;
  const manifestFile = () => out.replace(/\.cjs$/, ".inputs.json");
  const manifest = () => JSON.parse(fs.readFileSync(manifestFile(), "utf8")) as Manifest;

  before(async () => {
    tools = (await import(path.join(ROOT, "tools", "bundle.mjs"))) as BundleModule;
    out = await tools.bundle("tools/plan.ts");
  });

  it("bundles the plan with every repository file it imports, and no package", () => {
    const inputs = Object.keys(manifest().inputs);
    for (const f of [
      "tools/plan.ts",
      "tools/harness.ts",
      "tools/policy-runner.ts",
      "infra/index.ts",
      "tools/flow-check/index.ts",
    ])
      assert.ok(inputs.includes(f), f);
    assert.deepEqual(
      inputs.filter((f) => f.includes("node_modules")),
      [],
    );
    assert.equal(path.dirname(out), tools.CACHE_DIR);
  });

  it("keeps each source file's own __dirname (files read at run time resolve as from the sources)", () => {
    const text = fs.readFileSync(out, "utf8");
    for (const dir of ["tools", "components/observability", "components/database"]) {
      const literal = JSON.stringify(path.join(ROOT, dir)).replace(/[/.]/g, "\\$&");
      assert.match(text, new RegExp(`__dirname\\d* = ${literal};`), dir);
    }
  });

  it("does not rebuild while nothing changed, and rebuilds when an input's content differs from the manifest", async () => {
    const before = fs.statSync(out).mtimeMs;
    await tools.bundle("tools/plan.ts");
    assert.equal(fs.statSync(out).mtimeMs, before, "rebuilt without a change");

    const m = manifest();
    const real = m.inputs["tools/harness.ts"];
    m.inputs["tools/harness.ts"] = "0".repeat(64); // as if tools/harness.ts had been edited since
    fs.writeFileSync(manifestFile(), JSON.stringify(m));
    fs.utimesSync(out, new Date(before - 60_000), new Date(before - 60_000));
    await tools.bundle("tools/plan.ts");
    assert.ok(fs.statSync(out).mtimeMs > before - 60_000, "not rebuilt after a change");
    assert.equal(manifest().inputs["tools/harness.ts"], real);
  });
});
