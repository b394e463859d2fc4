/**
 * Rewrites the committed URN snapshots (test/snapshots/<stack>.urns.json) from the current program:
 * `npm run snapshot:urns` (all stacks) or `npm run snapshot:urns -- dev prod`.
 *
 * Run it deliberately: after adding resources, or after a rename that is meant to replace a
 * resource. test/tools/urn-snapshot.test.ts fails when a stateful resource's URN disappears
 * without an alias (see tools/urns.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SHARED_RUN } from "../test/support/stacks";
import { ROOT, runStack } from "./harness";
import { lostStatefulResources, makeSnapshot, readSnapshot, withEngineUrns, writeSnapshot } from "./urns";

/** The stacks of the project: one per Pulumi.<stack>.yaml. */
export function stackNames(): string[] {
  return fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
}

async function main(): Promise<void> {
  const stacks = process.argv.slice(2).length ? process.argv.slice(2) : stackNames();
  for (const stack of stacks) {
    // With the alert receivers' secrets set, as the tests run it: their resources are in the snapshot.
    const run = withEngineUrns(await runStack(stack, SHARED_RUN));
    const before = readSnapshot(stack);
    if (before)
      for (const p of lostStatefulResources(before, run)) process.stderr.write(`warning: replacing the snapshot accepts: ${p}\n`);
    const file = writeSnapshot(makeSnapshot(run));
    process.stdout.write(`${path.relative(ROOT, file)}: ${run.resources.length} URNs\n`);
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
