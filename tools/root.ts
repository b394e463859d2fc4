import * as path from "node:path";

/** The repository root: tools, tests and the plan resolve every file from it. */
export const ROOT = path.resolve(__dirname, "..");
