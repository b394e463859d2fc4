/**
 * The pack as a whole: metadata on every policy, unique names, the count, fixtures for every
 * policy, the per-stack config files, the README table, and the pack's independence from the
 * program.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allPolicies, policiesByArea } from "../../policy-pack/policies";
import { README, updatedReadme } from "../../policy-pack/scripts/policy-table";
import { coverage, PackConfig } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const PACK = path.join(ROOT, "policy-pack");
const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : files(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

describe("policy-pack metadata", () => {
  it("has at least 60 policies", () => {
    assert.ok(allPolicies.length >= 60, `${allPolicies.length} policies`);
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
        for (const id of c) assert.match(id, /^(CIS-AWS-3\.0:\d+(\.\d+)+|PCI-DSS-4\.0:\d+(\.\d+)+)$/, `${p.name}: control ${id}`);
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
        assert.ok(target.startsWith(PACK + path.sep) || target === PACK, `${path.relative(ROOT, f)} imports ${i}`);
      }
    }
  });

  it("depends on no copyleft package", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies)) {
      // Read from disk: some packages do not export ./package.json.
      const manifest = path.join(ROOT, "node_modules", dep, "package.json");
      const license = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { license?: string }).license ?? "";
      assert.doesNotMatch(license, /GPL/, `${dep}: ${license}`);
    }
  });
});

describe("policy-pack stack config files (stacks/<stack>.policy.json)", () => {
  const byName = new Map(allPolicies.map((p) => [p.name, p]));
  for (const stack of ["dev", "staging", "prod"]) {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "stacks", `${stack}.policy.json`), "utf8")) as PackConfig;
    const level = (name: string) => {
      const c = config[name];
      return typeof c === "string" ? c : (c?.enforcementLevel ?? byName.get(name)?.enforcementLevel);
    };

    it(`${stack}: names only policies of the pack, with valid levels and known config properties of the right type`, () => {
      for (const [name, c] of Object.entries(config)) {
        const p = byName.get(name);
        assert.ok(p, `${stack}: unknown policy ${name}`);
        assert.ok(LEVELS.includes(level(name) ?? ""), `${stack}: ${name} level`);
        if (typeof c === "string") continue;
        for (const [k, v] of Object.entries(c).filter(([k]) => k !== "enforcementLevel")) {
          const schema = p.configSchema?.properties[k];
          assert.ok(schema && typeof schema === "object", `${stack}: ${name}.${k} is not in the policy's configSchema`);
          const type = Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v;
          assert.ok(
            schema.type === type ||
              (schema.type === "number" && type === "integer") ||
              (schema.type === "object" && type === "object"),
            `${stack}: ${name}.${k} type ${type}`,
          );
          if (typeof v === "number" && schema.minimum !== undefined)
            assert.ok(v >= schema.minimum, `${stack}: ${name}.${k} below minimum`);
        }
      }
    });

    it(`${stack}: configures every policy of the pack`, () => {
      assert.deepEqual(
        allPolicies.map((p) => p.name).filter((n) => !(n in config)),
        [],
      );
    });

    it(`${stack}: makes every security rule mandatory`, () => {
      const lax = allPolicies.filter((p) => p.meta.category === "security" && level(p.name) !== "mandatory").map((p) => p.name);
      assert.deepEqual(lax, []);
    });
  }

  it("prod makes every rule mandatory; dev makes every availability rule advisory", () => {
    const prod = JSON.parse(fs.readFileSync(path.join(ROOT, "stacks", "prod.policy.json"), "utf8")) as PackConfig;
    const dev = JSON.parse(fs.readFileSync(path.join(ROOT, "stacks", "dev.policy.json"), "utf8")) as PackConfig;
    const lvl = (c: PackConfig, n: string) =>
      typeof c[n] === "string" ? c[n] : (c[n] as { enforcementLevel?: string }).enforcementLevel;
    assert.deepEqual(
      allPolicies.filter((p) => lvl(prod, p.name) !== "mandatory").map((p) => p.name),
      [],
    );
    assert.deepEqual(
      allPolicies.filter((p) => p.meta.category === "availability" && lvl(dev, p.name) !== "advisory").map((p) => p.name),
      [],
    );
  });
});

describe("README policy table", () => {
  it("is what `npm run docs:policies` renders (run it after changing a policy)", async () => {
    const current = fs.readFileSync(README, "utf8");
    assert.equal(current, await updatedReadme(current), "README.md's policy table is stale: run `npm run docs:policies`");
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

describe("policy-pack type tokens", () => {
  /** Every type token the installed SDKs declare (`__pulumiType` of classes, component type strings). */
  function declaredTokens(): Set<string> {
    const tokens = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== "node_modules") walk(full);
        } else if (e.name.endsWith(".js")) {
          for (const m of fs
            .readFileSync(full, "utf8")
            .matchAll(/["']((?:aws|awsx|eks|kubernetes):[A-Za-z0-9./-]+:[A-Za-z0-9]+)["']/g))
            tokens.add(m[1]);
        }
      }
    };
    for (const pkg of ["aws", "awsx", "eks", "kubernetes"]) walk(path.join(ROOT, "node_modules", "@pulumi", pkg));
    return tokens;
  }

  it("names only type tokens that exist in the installed @pulumi/aws, awsx, eks and kubernetes", () => {
    const declared = declaredTokens();
    const used = new Set(allPolicies.flatMap((p) => [...(p.meta.types ?? [])]));
    for (const f of files(path.join(PACK, "lib")).concat(files(path.join(PACK, "policies")))) {
      for (const m of fs.readFileSync(f, "utf8").matchAll(/"((?:aws|awsx|eks|kubernetes):[A-Za-z0-9./-]+:[A-Z][A-Za-z0-9]*)"/g))
        used.add(m[1]);
    }
    assert.ok(used.size > 50, `${used.size} tokens`);
    assert.deepEqual([...used].filter((t) => !declared.has(t)).sort(), []);
  });
});
