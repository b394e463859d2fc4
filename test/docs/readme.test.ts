import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { findPlaceholders } from "../../infra/placeholders";
import { readStackConfig } from "../../tools/harness";
import {
  configOf,
  generatedBlocks,
  verdictOf,
  placeholderList,
  README,
  STACK_NAMES,
  StackFacts,
  updatedReadme,
} from "../../tools/readme";
import { stackDiagnostics, stackRun } from "../support/stacks";

describe("README.md (the front page)", () => {
  // Asked for as the file loads: the worker computes the pack's findings ahead of this test.
  const findings = STACK_NAMES.map((stack) => stackDiagnostics(stack));
  const text = fs.readFileSync(README, "utf8");

  it("its generated diagram and stack table match the program (npm run docs:readme)", async () => {
    const facts: StackFacts[] = [];
    for (const [i, stack] of STACK_NAMES.entries()) {
      const run = await stackRun(stack);
      facts.push({ stack, config: configOf(stack), run, verdict: verdictOf(await findings[i]) });
    }
    const blocks = generatedBlocks(facts);
    assert.ok(blocks.architecture.includes("flowchart LR") && blocks.stacks.includes("| prod |"));
    assert.equal(text, updatedReadme(text, blocks), "README.md is stale: run `npm run docs:readme`");
    for (const f of facts) assert.equal(f.verdict.mandatory, 0, `${f.stack}: the pack's verdict has no mandatory violation`);
  });

  it("is a front page: about 150 lines, none over 120 characters outside code blocks", () => {
    const lines = text.split("\n");
    assert.ok(lines.length <= 170, `${lines.length} lines`);
    let code = false;
    const long = lines.filter((l) => {
      if (l.startsWith("```")) code = !code;
      return !code && l.length > 120;
    });
    assert.deepEqual(long, []);
  });

  it("has the quick start, the deploy checklist and troubleshooting, and links every docs page", () => {
    for (const heading of ["## Quick start", "## Deploy checklist", "## Troubleshooting"])
      assert.ok(text.includes(heading), heading);
    for (const doc of fs.readdirSync("docs").filter((f) => f.endsWith(".md")))
      assert.ok(text.includes(`docs/${doc}`), `links docs/${doc}`);
  });

  it("lists in its deploy checklist every placeholder key the stack files hold", () => {
    const block = text.slice(text.indexOf("<!-- generated:placeholders -->"), text.indexOf("<!-- /generated:placeholders -->"));
    for (const stack of STACK_NAMES)
      for (const p of findPlaceholders(readStackConfig(stack))) {
        const key = p.key.replace(/^[^:]+:/, "").replace(/\[\d+\]/g, "");
        assert.ok(block.includes(`\`${key}\``), `${stack}: ${key}`);
      }
    assert.match(placeholderList(["dev"]), /^ {3}- the documentation account ID 111122223333, in `clusterAdminRoleArn`/);
  });

  it("fails a stale block (planted)", () => {
    const stale = text.replace(/(<!-- generated:stacks -->)[\s\S]*?(<!-- \/generated:stacks -->)/, "$1\n| stale |\n$2");
    assert.notEqual(updatedReadme(stale, { stacks: "| fresh |" }), stale);
  });
});
