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
 * Runs are chained: the mock runtime is global and must not be entered twice at once.
 */
let chain: Promise<unknown> = Promise.resolve();
export function stackRun(stack: StackName): Promise<StackRun> {
  let run = cache.get(stack);
  if (!run) {
    run = chain.then(() => runStack(stack, SHARED_RUN));
    chain = run.catch(() => undefined);
    cache.set(stack, run);
  }
  return run;
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
