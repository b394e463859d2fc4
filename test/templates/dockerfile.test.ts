import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { lintDockerfile } from "../../tools/dockerfile-lint";
import { ROOT } from "../../tools/harness";

const TEMPLATE = path.join(ROOT, "templates", "node-service");
const good = fs.readFileSync(path.join(TEMPLATE, "Dockerfile"), "utf8");
const rules = (text: string) => lintDockerfile(text).map((p) => p.rule);

describe("the Node.js service Dockerfile template", () => {
  it("passes every rule of the linter", () => {
    assert.deepEqual(lintDockerfile(good), []);
  });

  it("ignores everything in the build context except what the stages copy", () => {
    const ignore = fs
      .readFileSync(path.join(TEMPLATE, ".dockerignore"), "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"));
    assert.equal(ignore[0], "**", "deny by default");
    assert.ok(!ignore.some((l) => /\.env|\.git/.test(l) && l.startsWith("!")), "no secrets or history re-included");
  });

  // Each planted fault is a one-line change of the good template; the linter names exactly its rule.
  const faults: [string, (t: string) => string, string][] = [
    [
      "a `latest` base",
      (t) =>
        t.replace(
          /FROM node:22-bookworm-slim@sha256:[a-f0-9]+ AS deps/,
          "FROM node:latest@sha256:" + "a".repeat(64) + " AS deps",
        ),
      "no-latest",
    ],
    [
      "a base without digest",
      (t) => t.replace(/(FROM node:22-bookworm-slim)@sha256:[a-f0-9]+ AS build/, "$1 AS build"),
      "pinned-digest",
    ],
    ["a root user", (t) => t.replace("USER 65532:65532", "USER 0"), "non-root-user"],
    ["a named user", (t) => t.replace("USER 65532:65532", "USER nonroot"), "non-root-user"],
    ["no user", (t) => t.replace("USER 65532:65532\n", ""), "non-root-user"],
    ["a shell-form CMD", (t) => t.replace('CMD ["dist/server.js"]', "CMD node dist/server.js"), "exec-form"],
    ["a HEALTHCHECK", (t) => t.replace("EXPOSE 8080", 'EXPOSE 8080\nHEALTHCHECK CMD ["node", "health.js"]'), "no-healthcheck"],
    [
      "a final stage with a shell",
      (t) => t.replace(/FROM gcr\.io\/distroless\/nodejs22-debian12:nonroot@/, "FROM node:22-bookworm-slim@"),
      "no-shell",
    ],
    ["dev dependencies in the runtime", (t) => t.replace("npm ci --omit=dev", "npm ci"), "production-dependencies"],
    ["npm install", (t) => t.replace("npm ci --ignore-scripts --no-audit", "npm install --no-audit"), "lockfile-install"],
    ["a secret in ENV", (t) => t.replace("ENV NODE_ENV=production", "ENV API_TOKEN=abc"), "no-secret-in-image"],
    [
      "a single stage",
      () =>
        "FROM gcr.io/distroless/nodejs22-debian12:nonroot@sha256:" +
        "a".repeat(64) +
        '\nRUN npm ci --omit=dev\nUSER 65532\nCMD ["x.js"]\n',
      "multi-stage",
    ],
  ];
  for (const [what, plant, rule] of faults) {
    it(`fails a Dockerfile with ${what} (${rule})`, () => {
      const bad = plant(good);
      assert.notEqual(bad, good, "the fault was planted");
      assert.deepEqual(rules(bad), [rule]);
    });
  }
});
