/**
 * Writes policy-pack/taggable-types.json: every @pulumi/aws resource type whose state has `tagsAll`
 * (the provider's merge of its `defaultTags` with the resource's `tags`).
 *
 * The list is derived from the installed provider's own files, never written by hand: each
 * resource module's `.js` declares its type token (`static __pulumiType = '...'`) and its `.d.ts`
 * declares the outputs. Run `npm run generate:taggable` after upgrading @pulumi/aws; a test fails
 * while the committed list differs from what this script derives.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const TOKEN = /static __pulumiType = '([^']+)'/;
const TAGS_ALL = /readonly tagsAll: pulumi\.Output</;

export interface TaggableTypes {
  /** Where the list came from: the provider package and version it was derived from. */
  source: string;
  types: string[];
}

function walk(dir: string, out: string[]): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") walk(full, out);
    } else if (entry.name.endsWith(".js")) {
      out.push(full);
    }
  }
  return out;
}

export function deriveTaggableTypes(awsPackageDir: string): TaggableTypes {
  const pkg = JSON.parse(fs.readFileSync(path.join(awsPackageDir, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  const types = new Set<string>();
  for (const jsFile of walk(awsPackageDir, [])) {
    const token = TOKEN.exec(fs.readFileSync(jsFile, "utf8"))?.[1];
    if (!token) continue;
    const dts = jsFile.replace(/\.js$/, ".d.ts");
    if (fs.existsSync(dts) && TAGS_ALL.test(fs.readFileSync(dts, "utf8"))) types.add(token);
  }
  return { source: `${pkg.name}@${pkg.version}`, types: [...types].sort() };
}

export const TAGGABLE_TYPES_FILE = path.join(__dirname, "..", "taggable-types.json");

export function awsPackageDir(): string {
  return path.dirname(require.resolve("@pulumi/aws/package.json"));
}

if (require.main === module) {
  const result = deriveTaggableTypes(awsPackageDir());
  fs.writeFileSync(TAGGABLE_TYPES_FILE, JSON.stringify(result, null, 2) + "\n");
  console.log(`wrote ${result.types.length} taggable types from ${result.source}`);
}
