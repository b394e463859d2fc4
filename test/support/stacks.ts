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
 * read-only assertions; a test that needs other config uses stackRunWith, or runStack itself when
 * it expects the run to fail or passes a program).
 *
 * Under mocha the runs are made by a worker process started before the test files load
 * (test/support/prefetch.ts, `require` in .mocharc.json): the same program under the same mock
 * runtime, on the second core while this process loads and runs other tests. A run is plain data
 * (the mock monitor receives protobuf Structs), so it crosses the pipe as JSON unchanged;
 * test/tools/harness.test.ts compares a worker's run with one made in this process.
 * Without the worker, runs are made here, chained: the mock runtime is global and must not be
 * entered twice at once.
 */
export function stackRun(stack: StackName): Promise<StackRun> {
  let run = cache.get(stack);
  if (!run) {
    run = worker ? worker.request<StackRun>({ kind: "shared", stack }) : inProcess(() => runStack(stack, SHARED_RUN));
    cache.set(stack, run);
  }
  worker?.keep(run);
  return run;
}

/**
 * A run with other options (config, secrets, another stack file, invoke answers), made by the
 * worker in the order requested. Call it when the test file loads (in a describe body, not in a
 * hook), so the worker makes the run while earlier tests run; await it in the test. For a run that
 * is expected to fail, or one with a program of the test's own, call runStack in the test.
 */
export function stackRunWith(stack: StackName, options: HarnessOptions): PromiseLike<StackRun> {
  if (options.program) throw new Error("stackRunWith: a program cannot cross to the worker; call runStack");
  if (!worker) return inProcess(() => runStack(stack, options));
  // `undefined` removes a config key; JSON has no undefined, so it crosses as null.
  const config = options.config && Object.fromEntries(Object.entries(options.config).map(([k, v]) => [k, v ?? null]));
  return keptWhenAwaited(worker, worker.request<StackRun>({ kind: "run", stack, options: { ...options, config } }, true));
}

/**
 * An answer asked for ahead keeps this process alive only once a test awaits it: a run filtered
 * out by `--grep` does not hold mocha open until the worker has made it.
 */
function keptWhenAwaited<T>(w: Worker, answer: Promise<T>): PromiseLike<T> {
  return {
    then(onFulfilled, onRejected) {
      w.keep(answer);
      return answer.then(onFulfilled, onRejected);
    },
  };
}

let chain: Promise<unknown> = Promise.resolve();
function inProcess<T>(make: () => Promise<T>): Promise<T> {
  const result = chain.then(make);
  chain = result.catch(() => undefined);
  return result;
}

export interface WorkerRequest {
  kind: "shared" | "run" | "diagnostics";
  stack: StackName;
  options?: Record<string, unknown>;
}

let stop: () => void = () => undefined;
/** Ends the worker once the tests are done (the root hook of test/support/prefetch.ts). */
export function stopWorker(): void {
  stop();
}

interface Worker {
  /** Sends a request; its answer keeps this process alive unless `prefetch` (until kept). */
  request<T>(req: WorkerRequest, prefetch?: boolean): Promise<T>;
  /** A test waits for this answer: keep the process alive until it arrives. */
  keep(answer: Promise<unknown>): void;
}
let worker: Worker | undefined;

/**
 * Starts the worker process (test/support/stack-runs.child.ts) and asks it for the three shared
 * runs first. Requests go as JSON lines on its stdin, answers come back on its stdout by id.
 * While an answer a test asked for is outstanding the worker keeps this process alive; otherwise it
 * does not, so a run that asks for nothing exits as before (the worker is killed at exit).
 */
export function prefetchStackRuns(): void {
  if (worker) return;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "stack-runs.child.ts")], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; what: string; kept: boolean; answer?: Promise<unknown> }
  >();
  let nextId = 0;
  let buffer = "";
  let stderr = "";
  const handles = [child, child.stdin, child.stdout, child.stderr] as unknown as { ref(): void; unref(): void }[];
  const idle = () => {
    for (const h of handles) {
      if ([...pending.values()].some((p) => p.kept)) h.ref();
      else h.unref();
    }
  };
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const answer = JSON.parse(buffer.slice(0, nl)) as { id: number; value?: unknown; error?: string };
      buffer = buffer.slice(nl + 1);
      const p = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.error !== undefined) p?.reject(new Error(`${p.what} failed in the worker: ${answer.error}`));
      else p?.resolve(answer.value);
    }
    idle();
  });
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.on("close", (code) => {
    if (stderr) process.stderr.write(stderr);
    for (const p of pending.values()) p.reject(new Error(`${p.what}: the worker exited (${code}):\n${stderr}`));
    pending.clear();
  });
  process.on("exit", () => child.kill());
  stop = () => {
    // The worker leaves as soon as its stdin closes; waiting for it lets it write its coverage
    // (NODE_V8_COVERAGE) before c8 reads the reports.
    child.stdin.end();
    child.ref();
  };
  worker = {
    request<T>(req: WorkerRequest, prefetch = false) {
      const id = nextId++;
      let entry!: { resolve: (v: unknown) => void; reject: (e: Error) => void; what: string; kept: boolean };
      const answer = new Promise<T>((resolve, reject) => {
        entry = { resolve: resolve as (v: unknown) => void, reject, what: `${req.kind} ${req.stack}`, kept: !prefetch };
      });
      pending.set(id, { ...entry, answer });
      answer.catch(() => undefined); // rejected for a test that awaits it
      child.stdin.write(JSON.stringify({ id, ...req }) + "\n");
      idle();
      return answer;
    },
    keep(answer) {
      for (const p of pending.values()) if (p.answer === answer) p.kept = true;
      idle();
    },
  };
  for (const stack of STACKS) cache.set(stack, worker.request<StackRun>({ kind: "shared", stack }, true));
}

const findings = new Map<StackName, PromiseLike<Diagnostic[]>>();

/**
 * The pack's findings on the shared run of a stack (tools/readme.ts packDiagnostics: every policy,
 * configured from stacks/<stack>.policy.json), computed once, by the worker when there is one, for
 * every test that judges the committed stacks. Ask for them when the test file loads.
 */
export function stackDiagnostics(stack: StackName): PromiseLike<Diagnostic[]> {
  let result = findings.get(stack);
  if (!result) {
    if (worker) result = keptWhenAwaited(worker, worker.request<Diagnostic[]>({ kind: "diagnostics", stack }, true));
    else {
      // Loaded here, not at the top: tools/readme.ts imports this module for SHARED_RUN.
      const { packDiagnostics } = require("../../tools/readme") as typeof import("../../tools/readme");
      result = stackRun(stack).then((run) => packDiagnostics(stack, run));
    }
    findings.set(stack, result);
  }
  return result;
}
