/**
 * Rewrites the committed cost snapshots (test/snapshots/<stack>.cost.json) from the current
 * program: `npm run snapshot:cost` (all stacks) or `npm run snapshot:cost -- dev`. Run it when a
 * change is meant to move a stack's monthly estimate, and commit the snapshot with the change.
 */
import * as path from "node:path";
import { estimatePlan } from "./cost";
import { makeCostSnapshot, readCostSnapshot, writeCostSnapshot } from "./cost/snapshot";
import { ROOT, runStack } from "./harness";
import { stackNames } from "./snapshot-urns";

async function main(): Promise<void> {
  const stacks = process.argv.slice(2).length ? process.argv.slice(2) : stackNames();
  for (const stack of stacks) {
    const run = await runStack(stack);
    const estimate = estimatePlan(run);
    const before = readCostSnapshot(stack);
    const file = writeCostSnapshot(makeCostSnapshot(stack, estimate));
    const was = before ? ` (was ${before.totalUsd.toFixed(2)})` : "";
    process.stdout.write(`${path.relative(ROOT, file)}: ${estimate.totalUsd.toFixed(2)} USD a month${was}\n`);
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
