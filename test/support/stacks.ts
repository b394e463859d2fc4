import { runStack, StackRun } from "../../tools/harness";

export const STACKS = ["dev", "staging", "prod"] as const;
export type StackName = (typeof STACKS)[number];

const cache = new Map<StackName, Promise<StackRun>>();

/**
 * The real program's run for a stack with its committed config, shared by every test file in the
 * process (runs are deterministic, so one run per stack serves all read-only assertions).
 * Runs are chained: the mock runtime is global and must not be entered twice at once.
 */
let chain: Promise<unknown> = Promise.resolve();
export function stackRun(stack: StackName): Promise<StackRun> {
  let run = cache.get(stack);
  if (!run) {
    run = chain.then(() => runStack(stack));
    chain = run.catch(() => undefined);
    cache.set(stack, run);
  }
  return run;
}
