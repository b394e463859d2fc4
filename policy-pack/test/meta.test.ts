/**
 * The pack as a whole: metadata on every policy, unique names, the count, fixtures for every
 * policy, the analyzer info, and the pack's independence from the program. (How this repository's
 * stacks configure the pack is tested next to the program, in test/policy-pack.)
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allPolicies, policiesByArea } from "../policies";
import { coverage } from "./helpers";

const PACK = path.resolve(__dirname, "..");
const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : files(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

/** A dependency's package.json, found as Node finds the package (some do not export ./package.json). */
function manifestOf(dep: string): string {
  for (let dir = PACK; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", dep, "package.json");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${dep} is not installed`);
  }
}

describe("policy-pack metadata", () => {
  it("has at least 200 policies", () => {
    assert.ok(allPolicies.length >= 200, `${allPolicies.length} policies`);
  });

  it("has unique policy names, none of them the reserved name `all`", () => {
    const names = allPolicies.map((p) => p.name);
    assert.deepEqual(
      names.filter((n, i) => names.indexOf(n) !== i),
      [],
    );
    assert.ok(!names.includes("all"));
  });

  it("names every policy aws-<service>-<resource>-<verb>-<what> or kubernetes-<kind>-<verb>-<what>", () => {
    const aws = /^aws-[a-z0-9]+(-[a-z0-9]+)+-(require|disallow|restrict)-[a-z0-9-]+$/;
    const k8s = /^kubernetes-[a-z0-9]+(-[a-z0-9]+)*-(require|disallow|restrict)-[a-z0-9-]+$/;
    const bad = allPolicies.filter((p) => !aws.test(p.name) && !k8s.test(p.name));
    assert.deepEqual(
      bad.map((p) => p.name),
      [],
    );
  });

  it("gives every policy a description, severity, remediation steps, topic, category and controls (or a reason for none)", () => {
    for (const p of allPolicies) {
      assert.ok(p.description.length > 20, `${p.name}: description`);
      assert.ok(["low", "medium", "high", "critical"].includes(p.severity ?? ""), `${p.name}: severity`);
      assert.ok((p.remediationSteps ?? "").length > 20, `${p.name}: remediation steps`);
      assert.ok(LEVELS.includes(p.enforcementLevel ?? ""), `${p.name}: enforcement level`);
      const c = p.meta.controls;
      if (Array.isArray(c)) {
        assert.ok(c.length > 0, `${p.name}: empty controls; use { none: reason }`);
        for (const id of c)
          assert.match(
            id,
            /^(CIS-AWS-(3|5)\.0:\d+(\.\d+)+|PCI-DSS-4\.0\.1:\d+(\.\d+)+|FSBP:[A-Za-z0-9]+\.\d+)$/,
            `${p.name}: control ${id}`,
          );
      } else {
        assert.ok(c.none.length > 10, `${p.name}: reason for no control`);
      }
    }
  });

  it("gives every config property a default and never declares enforcementLevel as a property", () => {
    for (const p of allPolicies) {
      for (const [k, v] of Object.entries(p.configSchema?.properties ?? {})) {
        assert.notEqual(k, "enforcementLevel", p.name);
        assert.ok(typeof v === "object" && v.default !== undefined, `${p.name}.${k}: default`);
      }
    }
  });

  it("keeps one concern per file: every policy file exports exactly one policy", () => {
    for (const f of files(path.join(PACK, "policies")).filter((f) => !f.endsWith("index.ts"))) {
      const n = (fs.readFileSync(f, "utf8").match(/= (resourcePolicy|stackPolicy)\b/g) ?? []).length;
      assert.equal(n, 1, path.relative(PACK, f));
    }
  });

  it("lists every policy once in policies/index.ts", () => {
    const inFiles = files(path.join(PACK, "policies")).filter((f) => !f.endsWith("index.ts")).length;
    assert.equal(Object.values(policiesByArea).flat().length, inFiles);
  });

  it("has at least one compliant and one violating fixture per policy", () => {
    const missing = allPolicies
      .filter((p) => !(coverage.get(p.name)?.compliant && coverage.get(p.name)?.violating))
      .map((p) => p.name);
    assert.deepEqual(missing, []);
  });

  it("imports nothing from the program (infra, components, lib, tools, stacks)", () => {
    for (const f of files(PACK)) {
      const imports = [...fs.readFileSync(f, "utf8").matchAll(/from "([^"]+)"|require\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2]);
      for (const i of imports.filter((x) => x.startsWith("."))) {
        const target = path.resolve(path.dirname(f), i);
        assert.ok(target.startsWith(PACK + path.sep) || target === PACK, `${path.relative(PACK, f)} imports ${i}`);
      }
    }
  });

  it("depends on no copyleft package", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies)) {
      // Read from disk: some packages do not export ./package.json.
      const manifest = manifestOf(dep);
      const license = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { license?: string }).license ?? "";
      assert.doesNotMatch(license, /GPL/, `${dep}: ${license}`);
    }
  });
});

describe("policy-pack analyzer info", () => {
  it("describes every policy through the server's GetAnalyzerInfo builder, with severities and config schemas", () => {
    const protoutil = require("@pulumi/policy/protoutil") as {
      makeAnalyzerInfo(
        name: string,
        version: string,
        level: string,
        args: { policies: unknown[] },
      ): {
        getPoliciesList(): {
          getName(): string;
          getSeverity(): number;
          getConfigschema(): { getProperties(): { toJavaScript(): Record<string, { default?: unknown }> } } | undefined;
        }[];
      };
    };
    const info = protoutil.makeAnalyzerInfo("b2b-commerce-policies", "0.1.0", "mandatory", { policies: allPolicies });
    const listed = info.getPoliciesList();
    assert.deepEqual(
      listed.map((p) => p.getName()),
      allPolicies.map((p) => p.name),
    );
    assert.ok(listed.every((p) => p.getSeverity() > 0));
    const retention = listed.find((p) => p.getName() === "aws-cloudwatch-log-group-require-retention");
    assert.equal(retention?.getConfigschema()?.getProperties().toJavaScript().minimumDays.default, 365);
  });
});
