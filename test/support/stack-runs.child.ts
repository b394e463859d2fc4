/**
 * The prefetch process of the shared stack runs (test/support/stacks.ts): runs the program for each
 * committed stack with the shared options and writes each run as one JSON line on stdout.
 */
import { runStack } from "../../tools/harness";
import { SHARED_RUN, STACKS } from "./stacks";

(async () => {
  for (const stack of STACKS) {
    const run = await runStack(stack, SHARED_RUN);
    await new Promise<void>((resolve) => process.stdout.write(JSON.stringify({ stack, run }) + "\n", () => resolve()));
  }
  process.exit(0);
})().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
