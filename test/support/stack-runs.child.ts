/**
 * The worker of test/support/stacks.ts: reads requests as JSON lines on stdin, one at a time (the
 * mock runtime is global), and answers each as one JSON line `{ id, value }` or `{ id, error }` on
 * stdout: a shared run, a run with other options, or the pack's findings on a shared run.
 */
import * as readline from "node:readline";
import { HarnessOptions, runStack, StackRun } from "../../tools/harness";
import { packDiagnostics } from "../../tools/readme";
import { SHARED_RUN, StackName, WorkerRequest } from "./stacks";

const shared = new Map<StackName, Promise<StackRun>>();
const sharedRun = (stack: StackName) => {
  if (!shared.has(stack)) shared.set(stack, runStack(stack, SHARED_RUN));
  return shared.get(stack)!;
};

async function answer(req: WorkerRequest): Promise<unknown> {
  switch (req.kind) {
    case "shared":
      return sharedRun(req.stack);
    case "diagnostics":
      return packDiagnostics(req.stack, await sharedRun(req.stack));
    case "run": {
      const options = req.options as HarnessOptions;
      const config = options.config && Object.fromEntries(Object.entries(options.config).map(([k, v]) => [k, v ?? undefined]));
      return runStack(req.stack, { ...options, config });
    }
  }
}

let queue: Promise<unknown> = Promise.resolve();
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const req = JSON.parse(line) as WorkerRequest & { id: number };
  queue = queue.then(async () => {
    let out: string;
    try {
      out = JSON.stringify({ id: req.id, value: await answer(req) });
    } catch (e) {
      out = JSON.stringify({ id: req.id, error: (e as Error).stack ?? String(e) });
    }
    await new Promise<void>((resolve) => process.stdout.write(out + "\n", () => resolve()));
  });
});
// The tests are done: nobody waits for what is still queued.
process.stdin.on("end", () => process.exit(0));
// Stopped by the test process at its exit: leave normally, so that c8 (NODE_V8_COVERAGE) gets
// this process's coverage too.
process.on("SIGTERM", () => process.exit(0));
