import { spawn } from "node:child_process";
import * as path from "node:path";
import type { Diagnostic } from "../../policy-pack/test/helpers";
import { HarnessOptions, runStack, StackRun } from "../../tools/harness";

export const STACKS = ["dev", "staging", "prod"] as const;
export type StackName = (typeof STACKS)[number];

/**
 * Test values of the alert receivers' secrets, as a production stack sets them with
 * `pulumi config set --secret`; tests prove that neither appears in clear anywhere.
 */
export const SLACK_URL = "https://hooks.slack.com/services/T0TEST/B0TEST/plaintextSlackToken42";
export const PAGERDUTY_KEY = "pdPlaintextRoutingKey0123456789a";
export const RECEIVER_SECRETS = { slackWebhookUrl: SLACK_URL, pagerDutyRoutingKey: PAGERDUTY_KEY };

/** The options of the shared run: the committed config plus the receivers' secrets. */
export const SHARED_RUN: HarnessOptions = { secrets: RECEIVER_SECRETS };

const cache = new Map<StackName, Promise<StackRun>>();

/**
 * The real program's run for a stack with its committed config and the receivers' secrets, shared
 * by every test file in the process (runs are deterministic, so one run per stack serves all
 * read-only assertions; a test that needs other config runs the program itself).
 *
 * Under mocha the three runs are made by one child process started before the test files load
 * (test/support/prefetch.ts, `require` in .mocharc.json): the same program under the same mock
 * runtime, on the second core while this process loads and runs other tests. A run is plain data
 * (the mock monitor receives protobuf Structs), so it crosses the pipe as JSON unchanged;
 * test/tools/harness.test.ts compares a prefetched run with one made in this process.
 * Without the prefetch, runs are made here, chained: the mock runtime is global and must not be
 * entered twice at once.
 */
let chain: Promise<unknown> = Promise.resolve();
export function stackRun(stack: StackName): Promise<StackRun> {
  let run = cache.get(stack);
  if (!run) {
    run = prefetched ? prefetched.take(stack) : chain.then(() => runStack(stack, SHARED_RUN));
    if (!prefetched) chain = run.catch(() => undefined);
    cache.set(stack, run);
  }
  return run;
}

interface Prefetch {
  take(stack: StackName): Promise<StackRun>;
}
let prefetched: Prefetch | undefined;

/** Starts the child process that makes the shared runs (see stackRun). */
export function prefetchStackRuns(): void {
  if (prefetched) return;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "stack-runs.child.ts")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const waiting = new Map<StackName, { resolve: (r: StackRun) => void; reject: (e: Error) => void }>();
  const results = new Map<StackName, Promise<StackRun>>();
  for (const stack of STACKS)
    results.set(stack, new Promise<StackRun>((resolve, reject) => waiting.set(stack, { resolve, reject })));
  for (const r of results.values()) r.catch(() => undefined); // rejected only for a stack a test asks for
  let buffer = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const { stack, run } = JSON.parse(buffer.slice(0, nl)) as { stack: StackName; run: StackRun };
      buffer = buffer.slice(nl + 1);
      waiting.get(stack)?.resolve(run);
      waiting.delete(stack);
    }
  });
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.on("close", (code) => {
    if (stderr) process.stderr.write(stderr);
    for (const [stack, w] of waiting)
      w.reject(new Error(`the ${stack} run failed in the prefetch process (exit ${code}):\n${stderr}`));
  });
  // The child does not keep a test run alive that never asks for a shared run; once one does, it does.
  const handles = [child, child.stdout, child.stderr] as unknown as { ref(): void; unref(): void }[];
  for (const h of handles) h.unref();
  process.on("exit", () => child.kill());
  prefetched = {
    take(stack) {
      for (const h of handles) h.ref();
      return results.get(stack)!;
    },
  };
}

const findings = new Map<StackName, Promise<Diagnostic[]>>();

/**
 * The pack's findings on the shared run of a stack (tools/readme.ts packDiagnostics: every policy,
 * configured from stacks/<stack>.policy.json), computed once per process for every test that
 * judges the committed stacks.
 */
export function stackDiagnostics(stack: StackName): Promise<Diagnostic[]> {
  let result = findings.get(stack);
  if (!result) {
    // Loaded here, not at the top: tools/readme.ts imports this module for SHARED_RUN.
    const { packDiagnostics } = require("../../tools/readme") as typeof import("../../tools/readme");
    result = stackRun(stack).then((run) => packDiagnostics(stack, run));
    findings.set(stack, result);
  }
  return result;
}
