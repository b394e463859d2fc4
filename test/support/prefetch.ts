/**
 * Loaded by mocha before the test files (.mocharc.json `require`): starts the process that makes
 * the shared stack runs, so it works while the test files load (test/support/stacks.ts stackRun).
 */
import { prefetchStackRuns, stopWorker } from "./stacks";

prefetchStackRuns();

/** Mocha's root hook: once every test has run, the worker is told to leave and waited for. */
export const mochaHooks = {
  afterAll(): void {
    stopWorker();
  },
};
