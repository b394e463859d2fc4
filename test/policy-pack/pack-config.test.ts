/**
 * How this repository uses the pack: the per-stack config files, the generated policy table in
 * docs/policies.md, and the type tokens the policies name, held against the SDKs the program
 * installs.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allPolicies } from "../../policy-pack/policies";
import { POLICY_DOC, updatedDoc } from "../../policy-pack/scripts/policy-table";
import type { PackConfig } from "../../policy-pack/test/helpers";

import { ROOT } from "../../tools/root";
const PACK = path.join(ROOT, "policy-pack");
const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : files(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

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

describe("docs/policies.md policy table", () => {
  it("is what `npm run docs:policies` renders (run it after changing a policy)", async () => {
    const current = fs.readFileSync(POLICY_DOC, "utf8");
    assert.equal(current, await updatedDoc(current), "docs/policies.md's policy table is stale: run `npm run docs:policies`");
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
    // Custom resources have no SDK class: `k8s.apiextensions.CustomResource` registers them as
    // `kubernetes:<group>/<version>:<Kind>` of their CRD (here: the Argo Rollouts and Kyverno charts').
    const CUSTOM_RESOURCE_TOKENS = new Set([
      "kubernetes:argoproj.io/v1alpha1:Rollout",
      "kubernetes:kyverno.io/v1:ClusterPolicy",
      "kubernetes:kyverno.io/v1:Policy",
    ]);
    assert.deepEqual([...used].filter((t) => !declared.has(t) && !CUSTOM_RESOURCE_TOKENS.has(t)).sort(), []);
  });
});
