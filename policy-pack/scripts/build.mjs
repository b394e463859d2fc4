// Compiles the pack to one CommonJS file, bin/index.js, which `main` in package.json names: the
// Pulumi CLI then loads plain JavaScript (its ts-node hook only compiles .ts files), so a start
// neither type-checks nor transpiles 250 modules. Dependencies stay external (installed with the
// pack). Type-checking is its own step: `npm run typecheck`.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pack = join(dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
await build({
  entryPoints: [join(pack, "index.ts")],
  outfile: join(pack, "bin", "index.js"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node22",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
console.log(`bin/index.js built in ${Date.now() - started} ms`);
