import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig } from "../../infra/config";
import { ROOT } from "../../tools/harness";
// @ts-expect-error -- a dependency-free .mjs script without type declarations
import { bumpImageDigest } from "../../tools/bump-image-digest.mjs";

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const stackText = fs.readFileSync(path.join(ROOT, "Pulumi.staging.yaml"), "utf8");

describe("tools/bump-image-digest.mjs (the image workflow's config change)", () => {
  it("adds the key, then replaces only that service's line, keeping every other line", () => {
    const once = bumpImageDigest(stackText, "b2b-commerce", "api", digest("a"));
    const twice = bumpImageDigest(once, "b2b-commerce", "api", digest("b"));
    const both = bumpImageDigest(twice, "b2b-commerce", "workers", digest("c"));
    assert.ok(once.startsWith(stackText.trimEnd()), "the original lines stay as they were");
    assert.ok(!twice.includes(digest("a")) && twice.includes(digest("b")));
    assert.equal(both.split("\n").length, twice.split("\n").length + 1);
    assert.ok(both.includes(`    api: "${digest("b")}"`) && both.includes(`    workers: "${digest("c")}"`));
  });

  it("writes what the program's config accepts as the service's digest", async () => {
    const yaml = await import("js-yaml");
    const text = bumpImageDigest(stackText, "b2b-commerce", "storefront", digest("d"));
    const raw: Record<string, string> = {};
    for (const [k, v] of Object.entries((yaml.load(text) as { config: Record<string, unknown> }).config))
      raw[k] = typeof v === "string" ? v : JSON.stringify(v);
    assert.equal(loadConfig("b2b-commerce", "staging", raw).images.storefront, digest("d"));
  });

  it("refuses a digest or service that is not well-formed", () => {
    assert.throws(() => bumpImageDigest(stackText, "b2b-commerce", "api", "sha256:abc"), /not sha256/);
    assert.throws(() => bumpImageDigest(stackText, "b2b-commerce", "api", "latest"), /not sha256/);
    assert.throws(() => bumpImageDigest(stackText, "b2b-commerce", "Api;rm", digest("a")), /lower-case/);
  });

  it("the program rejects a malformed digest in config, naming the key", () => {
    const raw: Record<string, string> = {};
    const yaml = require("js-yaml") as typeof import("js-yaml");
    for (const [k, v] of Object.entries((yaml.load(stackText) as { config: Record<string, unknown> }).config))
      raw[k] = typeof v === "string" ? v : JSON.stringify(v);
    raw["b2b-commerce:imageDigests"] = JSON.stringify({ api: "sha256:123" });
    assert.throws(() => loadConfig("b2b-commerce", "staging", raw), /imageDigests\.api.*sha256:123/s);
  });
});
