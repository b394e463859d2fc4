import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT } from "../../tools/harness";
import { inBackground } from "../support/real-tools";

/**
 * Adding a config field is one edit: the declaration in its section. This test makes that edit in a
 * scratch copy of the program and runs the type checker on it. The type checker must name exactly
 * the three environment profiles (each must give the new field a value), and nothing else: not
 * infra/index.ts (it spreads the section into the component), not the component (its Args extend
 * the section's settings, so the new field is already there, typed, as the probe below shows).
 */
/** Prepares the scratch copy and starts the type checker on it, returning its errors. */
function typeCheckWithNewField(): Promise<{ dir: string; errors: { file: string; message: string }[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-field-"));
  for (const folder of ["infra", "components", "lib", "stacks"])
    fs.cpSync(path.join(ROOT, folder), path.join(dir, folder), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");

  const section = path.join(dir, "infra/sections/network.ts");
  const text = fs.readFileSync(section, "utf8");
  const anchor = "    interfaceEndpoints: bool(),\n";
  if (!text.includes(anchor))
    return Promise.reject(new Error("the network section no longer declares interfaceEndpoints: bool()"));
  fs.writeFileSync(
    section,
    text.replace(anchor, `${anchor}    /** A field added by the test. */\n    natGatewayAlarm: bool(),\n`),
  );
  // The component can read the new field at once, typed as boolean.
  fs.writeFileSync(
    path.join(dir, "components/network/probe.ts"),
    'import { NetworkArgs } from "./index";\nexport const probe = (args: NetworkArgs): boolean => args.natGatewayAlarm;\n',
  );
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")) as {
    compilerOptions: Record<string, unknown>;
  };
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { ...base.compilerOptions, types: ["node"], noEmit: true },
      files: ["infra/index.ts", "components/network/probe.ts"],
    }),
  );
  const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
  return new Promise((resolve) => {
    inBackground(
      execFile(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" }, (_err, stdout) => {
        const errors = [...stdout.matchAll(/^(\S+?)\(\d+,\d+\): error TS\d+: (.*)$/gm)].map((m) => ({
          file: m[1],
          message: m[2],
        }));
        resolve({ dir, errors });
      }),
    );
  });
}

// Started when mocha loads the file, so the type checker runs on the second core beside the other tests.
const checked = typeCheckWithNewField();
checked.catch(() => undefined);

describe("adding a config field (type checker on a scratch copy)", function () {
  this.timeout(120_000);
  let errors: { file: string; message: string }[];

  before(async () => {
    ({ errors } = await checked);
  });

  after(async () => fs.rmSync((await checked).dir, { recursive: true, force: true }));

  it("names each environment profile, and only them", () => {
    assert.deepEqual([...new Set(errors.map((e) => e.file))].sort(), ["stacks/dev.ts", "stacks/prod.ts", "stacks/staging.ts"]);
  });

  it("says which field is missing", () => {
    for (const e of errors) assert.match(e.message, /natGatewayAlarm/);
  });
});
