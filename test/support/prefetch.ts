/**
 * Loaded by mocha before the test files (.mocharc.json `require`): starts the process that makes
 * the shared stack runs, so it works while the test files load (test/support/stacks.ts stackRun).
 */
import { prefetchStackRuns } from "./stacks";

prefetchStackRuns();
