#!/usr/bin/env node
/**
 * Sets one service's image digest in a stack file, keeping every other line (and comment) as it is:
 *
 *   node tools/bump-image-digest.mjs Pulumi.staging.yaml storefront sha256:<64 hex>
 *
 * Plain Node without dependencies, so the image workflow runs it without `npm ci`. The key is
 * `<project>:imageDigests`, a map of service -> digest, validated by the program's config.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const SERVICE = /^[a-z][a-z0-9-]{0,40}$/;

/** The stack file's text with `<project>:imageDigests.<service>` set to `digest`. */
export function bumpImageDigest(text, project, service, digest) {
  if (!SERVICE.test(service)) throw new Error(`service "${service}" is not a lower-case name`);
  if (!DIGEST.test(digest)) throw new Error(`digest "${digest}" is not sha256:<64 hex digits>`);
  const lines = text.split("\n");
  const key = `  ${project}:imageDigests:`;
  const entry = `    ${service}: "${digest}"`;
  const at = lines.findIndex((l) => l.trimEnd() === key);
  if (at < 0) {
    if (!lines.some((l) => l.startsWith("config:"))) throw new Error("the file has no `config:` section");
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    return [...lines, key, entry, ""].join("\n");
  }
  let end = at + 1;
  while (end < lines.length && /^ {4}\S/.test(lines[end])) end++;
  const existing = lines.slice(at + 1, end).findIndex((l) => l.trimStart().startsWith(`${service}:`));
  if (existing >= 0) lines[at + 1 + existing] = entry;
  else lines.splice(end, 0, entry);
  return lines.join("\n");
}

function projectName(stackFile) {
  const text = fs.readFileSync(path.join(path.dirname(stackFile), "Pulumi.yaml"), "utf8");
  const match = /^name:\s*([\w.-]+)/m.exec(text);
  if (!match) throw new Error("Pulumi.yaml has no `name:`");
  return match[1];
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [file, service, digest] = process.argv.slice(2);
  if (!file || !service || !digest) {
    console.error("usage: bump-image-digest.mjs <Pulumi.<stack>.yaml> <service> <sha256:digest>");
    process.exit(2);
  }
  try {
    fs.writeFileSync(file, bumpImageDigest(fs.readFileSync(file, "utf8"), projectName(file), service, digest));
  } catch (e) {
    console.error(`bump-image-digest: ${e.message}`);
    process.exit(2);
  }
}
