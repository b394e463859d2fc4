import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../../tools/harness";
import { findOutsideReferences } from "../../tools/self-contained";

/** Text the project publishes: code, docs, config, workflows (not lockfiles, vendored schemas or snapshots). */
function publishedFiles(): string[] {
  return execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((f) => f && /\.(ts|mjs|js|md|ya?ml|json)$/.test(f))
    .filter(
      (f) => !/(^|\/)package-lock\.json$|^test\/(fixtures|snapshots)\/|^test\/delivery\/schemas\/|taggable-types\.json$/.test(f),
    )
    .filter((f) => f !== "tools/self-contained.ts" && f !== "test/docs/self-contained.test.ts");
}

describe("the repository stands on its own", () => {
  it("no file points outside the repository or to a private tracker", () => {
    const files = publishedFiles();
    assert.ok(files.length > 100, `${files.length} files`);
    const findings = files.flatMap((f) =>
      fs.existsSync(path.join(ROOT, f))
        ? findOutsideReferences(fs.readFileSync(path.join(ROOT, f), "utf8")).map((x) => `${f}:${x.line} ${x.rule}: ${x.text}`)
        : [],
    );
    assert.deepEqual(findings, []);
  });

  // Planted cases: each must be found, and upstream references must not be.
  const bad = [
    "Source: /work/shared/NOTES.md chart table",
    "see ../shared/PRICES.md for the prices",
    "facts from shared/NOTES.md (checked)",
    "The pack's protocol test (issue 3): starts the pack",
    "kept because the issue asks for it",
    "## How it works (note for the README)",
    "as issues 5 and 6 require",
  ];
  for (const text of bad) {
    it(`finds: ${text}`, () => assert.equal(findOutsideReferences(text).length, 1));
  }
  const fine = [
    "see pulumi/pulumi-awsx issue 1618 for the gap check",
    "(terraform-aws-rds issues 512 and 532)",
    "kubernetes#56503: runAsNonRoot needs a numeric user",
    "https://github.com/pulumi/pulumi/issues/13948 (locks at apply time)",
    "an issue opened by the drift workflow",
  ];
  for (const text of fine) {
    it(`accepts: ${text}`, () => assert.deepEqual(findOutsideReferences(text), []));
  }
});
