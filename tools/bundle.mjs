/**
 * Compiles a command of tools/ and everything of the repository it imports into one CommonJS file,
 * once, and again only when one of those files changes: `node tools/bundle.mjs tools/plan.ts`
 * prints nothing and leaves node_modules/.cache/tools/plan.cjs (the npm scripts `plan` and
 * `bench` then run that file with Node).
 *
 * Why: run through tsx, the offline plan spent about a second of CPU time resolving, transforming
 * and compiling some 130 TypeScript files one by one, a quarter of the whole command (docs/plan.md
 * "Profile"). One bundle is one file to read and compile. Packages stay external (node_modules is
 * loaded as usual), so the bundle holds only this repository's code, with an inline source map
 * for readable stack traces.
 *
 * Freshness: beside the bundle, a manifest lists every input file with its SHA-256 (from esbuild's
 * metafile), plus the esbuild version and this script's own hash. Any difference rebuilds (about
 * half a second). Files read at run time (dashboards, templates) are read from the repository as
 * before: `__dirname` and `__filename` keep meaning the source file's folder and path.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
export const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "tools");

const sha256 = (file) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const SELF = sha256(import.meta.filename);

/** The bundle of `entry` (a path relative to the root, e.g. tools/plan.ts), built when stale. */
export async function bundle(entry) {
  const name = path.basename(entry).replace(/\.ts$/, "");
  const out = path.join(CACHE_DIR, `${name}.cjs`);
  const manifestFile = path.join(CACHE_DIR, `${name}.inputs.json`);
  if (fresh(out, manifestFile)) return out;

  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, entry)],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    packages: "external",
    sourcemap: "inline",
    metafile: true,
    write: false,
    logLevel: "warning",
    plugins: [sourceDirname],
  });
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((f) => [f, sha256(path.join(ROOT, f))]));
  // Written aside and renamed: another command may be reading the previous bundle right now.
  const [code] = result.outputFiles;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const writeAtomically = (file, data) => {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  };
  writeAtomically(out, code.contents);
  writeAtomically(manifestFile, JSON.stringify({ esbuild: esbuild.version, self: SELF, inputs }, null, 1));
  return out;
}

function fresh(out, manifestFile) {
  if (!fs.existsSync(out) || !fs.existsSync(manifestFile)) return false;
  try {
    const m = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    if (m.self !== SELF) return false;
    if (m.esbuild !== JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/esbuild/package.json"), "utf8")).version)
      return false;
    return Object.entries(m.inputs).every(([f, hash]) => {
      const file = path.join(ROOT, f);
      return fs.existsSync(file) && sha256(file) === hash;
    });
  } catch {
    return false;
  }
}

/**
 * In a bundle, `__dirname` would be the cache folder for every file. Each source file that uses
 * it gets its own constants with its real folder and path (esbuild renames them apart).
 */
const sourceDirname = {
  name: "source-dirname",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = fs.readFileSync(args.path, "utf8");
      if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
      const header =
        `const __dirname = ${JSON.stringify(path.dirname(args.path))};` + ` const __filename = ${JSON.stringify(args.path)}; `; // on line 1: the source map's lines stay right
      return { contents: header + source, loader: "ts" };
    });
  },
};

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) {
  const entries = process.argv.slice(2);
  if (entries.length === 0) {
    process.stderr.write("usage: node tools/bundle.mjs tools/<command>.ts ...\n");
    process.exit(2);
  }
  for (const entry of entries) await bundle(entry);
}
