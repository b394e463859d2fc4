import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { repositoryFiles } from "./renovate";
import { ROOT } from "./workflow-rules";

interface Rule {
  pattern: string;
  owners: string[];
}

function parse(text: string): Rule[] {
  return text
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean)
    .map((l) => {
      const [pattern, ...owners] = l.split(/\s+/);
      return { pattern, owners };
    });
}

/** CODEOWNERS pattern semantics (gitignore-like): anchored with a leading "/", any depth without one, "dir/" = everything below. */
function matches(pattern: string, file: string): boolean {
  let p = pattern;
  const anchored = p.startsWith("/");
  if (anchored) p = p.slice(1);
  else if (!p.replace(/\/$/, "").includes("/")) p = `**/${p}`;
  if (p.endsWith("/")) p = `${p}**`;
  if (p === "**/*") return true; // "*": every file, dot-files included
  return path.matchesGlob(file, p) || path.matchesGlob(file, `${p}/**`);
}

/** The owners of a file: the last matching rule wins. */
export function ownersOf(rules: Rule[], file: string): string[] {
  let owners: string[] = [];
  for (const r of rules) if (matches(r.pattern, file)) owners = r.owners;
  return owners;
}

const SECURITY = "@b2b-commerce/security-reviewers";
/** Files that write IAM policies or trust policies, or decide what the pack enforces. */
const IAM_MARKERS = /new aws\.iam\.|aws\.iam\.getPolicyDocument|iam\.PolicyDocument|assumeRolePolicy/;

function iamBearing(files: string[]): string[] {
  return files.filter(
    (f) =>
      /^(components|infra|lib|stacks|bootstrap)\/.*\.ts$/.test(f) &&
      IAM_MARKERS.test(fs.readFileSync(path.join(ROOT, f), "utf8")),
  );
}

describe("CODEOWNERS", () => {
  const rules = parse(fs.readFileSync(path.join(ROOT, ".github", "CODEOWNERS"), "utf8"));
  const files = repositoryFiles(ROOT);

  it("gives every file an owner, and owners are teams", () => {
    for (const f of files) assert.ok(ownersOf(rules, f).length > 0, `${f} has no code owner`);
    for (const r of rules) for (const o of r.owners) assert.match(o, /^@[\w-]+\/[\w-]+$/, `${r.pattern}: ${o}`);
  });

  it("the policy pack, its stack configs, the pipeline and every IAM-bearing file are the security reviewers'", () => {
    const security = [
      "policy-pack/index.ts",
      "stacks/prod.policy.json",
      ".github/workflows/deploy.yml",
      "bootstrap/index.ts",
      ...iamBearing(files),
    ].filter((f) => files.includes(f));
    assert.ok(security.length > 8);
    const notSecurity = security.filter((f) => ownersOf(rules, f).join() !== SECURITY);
    assert.deepEqual(notSecurity, [], `add these to .github/CODEOWNERS with ${SECURITY}`);
    assert.deepEqual(ownersOf(rules, "components/edge/cdn.ts"), ["@b2b-commerce/platform-team"]);
  });

  it("a planted IAM file outside the security reviewers' patterns is caught (last match wins)", () => {
    const planted = [...rules, { pattern: "/components/database/", owners: ["@b2b-commerce/platform-team"] }];
    assert.deepEqual(ownersOf(planted, "components/database/proxy.ts"), ["@b2b-commerce/platform-team"]);
    assert.deepEqual(ownersOf(rules, "components/new/workload-role.ts"), ["@b2b-commerce/platform-team"]);
    assert.deepEqual(ownersOf(rules, "components/new/iam.ts"), [SECURITY]);
  });
});
