/**
 * The real validators of the Prometheus ecosystem (Debian's `prometheus` ships promtool,
 * `prometheus-alertmanager` ships amtool) and a real SVG renderer (Debian's `librsvg2-bin` ships
 * rsvg-convert, for the plan's diagram). A test that needs one runs when it is on PATH; without
 * it the test is reported as skipped with the install command, except under `REQUIRE_REAL_TOOLS=1`
 * (set by .ci/run, which installs them), where a missing tool fails the test.
 */
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const INSTALL = {
  promtool: "apt-get update && apt-get install -y prometheus",
  amtool: "apt-get update && apt-get install -y prometheus-alertmanager",
  "rsvg-convert": "apt-get update && apt-get install -y librsvg2-bin",
} as const;
export type Tool = keyof typeof INSTALL;

export function onPath(tool: Tool): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, tool)));
}

/** Skips the calling test (or fails it under REQUIRE_REAL_TOOLS=1) when the tool is missing. */
export function needTool(ctx: Mocha.Context, tool: Tool): void {
  if (onPath(tool)) return;
  const message = `${tool} is not on PATH; install it with: ${INSTALL[tool]}`;
  if (process.env.REQUIRE_REAL_TOOLS === "1") throw new Error(message);
  console.warn(`      skipped: ${message}`);
  ctx.skip();
}

export interface ToolResult {
  status: number | null;
  /** stdout alone (amtool prints its answer there and notes on stderr). */
  stdout: string;
  /** stdout and stderr. */
  output: string;
}

export function run(tool: Tool, args: string[], cwd?: string): ToolResult {
  const r = spawnSync(tool, args, { cwd, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? "", output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/**
 * Lets a child process started ahead (when a test file loads) run without holding mocha open: a
 * test that awaits it keeps the process alive through mocha's own timeout timer, and a run whose
 * `--grep` leaves the awaiting test out exits without waiting for the child.
 */
export function inBackground<C extends ChildProcess>(child: C): C {
  const handles = [child, child.stdin, child.stdout, child.stderr] as unknown as ({ unref(): void } | null)[];
  for (const h of handles) h?.unref();
  return child;
}

/**
 * Runs tools one after another in the background, started when a test file loads: they use the
 * second core while mocha runs other tests on the first, and each test awaits its own result.
 * Files are written when the run starts and removed when it ends.
 */
let queue: Promise<unknown> = Promise.resolve();
export function runInBackground(tool: Tool, args: string[], files: () => Record<string, string>): Promise<ToolResult> {
  const result = queue.then(
    () =>
      new Promise<ToolResult>((resolve, reject) => {
        let dir: string;
        try {
          dir = tempFiles(files());
        } catch (e) {
          return reject(e);
        }
        const child = inBackground(spawn(tool, args, { cwd: dir, timeout: 60_000 }));
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (status) => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve({ status, stdout, output: stdout + stderr });
        });
      }),
  );
  queue = result.catch(() => undefined);
  result.catch(() => undefined); // awaited by the test, which reports the error
  return result;
}

/** A fresh temporary folder holding the given files (name -> content). */
export function tempFiles(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "real-tools-"));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}
