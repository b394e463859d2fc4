/**
 * A fresh PGlite database for a test. PGlite.create() runs initdb, about 2 s of CPU here; the
 * pristine data directory it leaves is kept once in node_modules/.cache (per PGlite version) and
 * later databases start from a copy of it (about 0.4 s). Every database still starts from the same
 * initdb result, so tests stay independent of each other and of the order they run in.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PGlite } from "@electric-sql/pglite";

const VERSION = (
  JSON.parse(
    fs.readFileSync(path.join(__dirname, "..", "..", "node_modules", "@electric-sql", "pglite", "package.json"), "utf8"),
  ) as { version: string }
).version;
const CACHE = path.join(__dirname, "..", "..", "node_modules", ".cache", "pglite", `initdb-${VERSION}.tar`);

export async function freshPGlite(): Promise<PGlite> {
  if (fs.existsSync(CACHE)) return PGlite.create({ loadDataDir: new Blob([fs.readFileSync(CACHE)]) });
  const db = await PGlite.create();
  const dump = await db.dumpDataDir("none");
  fs.mkdirSync(path.dirname(CACHE), { recursive: true });
  // Written under another name first: a concurrent reader never sees half a file.
  const partial = `${CACHE}.${process.pid}`;
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, CACHE);
  return db;
}
