/**
 * Times the offline plan and the test suite: `npm run bench` writes the figures into docs/plan.md
 * ("Timings measured here") and prints them. Options: `--rounds N` (default 3), `--print` (print
 * only, leave docs/plan.md), `--no-tests` (skip `npm test`), `--no-pack` (skip the comparison with
 * AWSGuard, `npm run bench:pack`, which installs AWSGuard on first use).
 *
 * Per stack and round, in this process: the harness run of the program under mocks, the pack's
 * start (spawn to port line), and the analysis (configure, Remediate and Analyze of every
 * resource, AnalyzeStack), each with wall and CPU time (this process from process.cpuUsage, the
 * pack's from /proc). Then the commands as a user runs them, each in a new process: `npm run plan
 * -- --stack <s>` per stack and round, and `npm test` once; their CPU time is that of all their
 * child processes (/proc/self/stat cutime + cstime).
 *
 * Wall times depend on the machine and its load; the relative figures (per resource, the plan
 * over the program run, CPU time) carry over between machines. Tests never assert timings.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ROOT, readStackConfig, runStack } from "./harness";
import { PolicyRunner } from "./policy-runner";
import { stackNames } from "./snapshot-urns";
import { withEngineUrns } from "./urns";

export interface PhaseSample {
  stack: string;
  resources: number;
  harnessMs: number;
  harnessCpuMs: number;
  packStartMs: number;
  analysisMs: number;
  /** CPU time of this process (encoding requests) plus the pack's (analyzing) during the analysis. */
  analysisCpuMs: number;
}

export interface CommandSample {
  wallMs: number;
  /** User + system time of the command and every process it waited for. */
  cpuMs: number;
}

export interface BenchReport {
  date: string;
  cpus: number;
  cpuModel: string;
  node: string;
  /** os.loadavg() at the start and at the end. */
  loadBefore: number[];
  loadAfter: number[];
  rounds: number;
  phases: PhaseSample[];
  plan: Record<string, CommandSample[]>;
  tests?: CommandSample & { passing: number };
  /** The output of `npm run bench:pack` (Markdown). */
  pack?: string;
}

export const DOC = path.join(ROOT, "docs", "plan.md");
export const START = "<!-- bench:start (written by npm run bench) -->";
export const END = "<!-- bench:end -->";

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** CPU milliseconds of a process (Linux /proc; 0 elsewhere). With `children`, of its waited-for children. */
function procCpuMs(pid: number | "self", children = false): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const [u, s] = children ? [f[13], f[14]] : [f[11], f[12]]; // cutime, cstime / utime, stime
    return (Number(u) + Number(s)) * 10; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function phases(stack: string): Promise<PhaseSample> {
  const t0 = performance.now();
  const c0 = selfCpuMs();
  const run = withEngineUrns(await runStack(stack));
  const t1 = performance.now();
  const c1 = selfCpuMs();
  const runner = await PolicyRunner.start({ project: run.project, stack, config: readStackConfig(stack) });
  const t2 = performance.now();
  try {
    const policyConfig = path.join(ROOT, "stacks", `${stack}.policy.json`);
    await runner.configureStack({ stack, project: run.project, config: readStackConfig(stack) });
    const p0 = procCpuMs(runner.pid!);
    const c2 = selfCpuMs();
    const t3 = performance.now();
    await runner.configure(fs.existsSync(policyConfig) ? policyConfig : undefined);
    await runner.evaluate(run.resources);
    return {
      stack,
      resources: run.resources.length,
      harnessMs: t1 - t0,
      harnessCpuMs: c1 - c0,
      packStartMs: t2 - t1,
      analysisMs: performance.now() - t3,
      analysisCpuMs: selfCpuMs() - c2 + procCpuMs(runner.pid!) - p0,
    };
  } finally {
    await runner.close();
  }
}

/** Runs a command to its end; wall and CPU time (this process's children's CPU time grows by the command's). */
function command(cmd: string, args: string[]): CommandSample & { stdout: string } {
  const c0 = procCpuMs("self", true);
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - t;
  if (r.error) throw r.error;
  return { wallMs, cpuMs: procCpuMs("self", true) - c0, stdout: `${r.stdout}\n${r.stderr}` };
}

const ms = (n: number) => `${Math.round(n)}`;
const fixed = (n: number, digits = 2) => n.toFixed(digits);
function spread(xs: number[]): string {
  return xs.length > 1 ? `${ms(median(xs))} [${ms(Math.min(...xs))}-${ms(Math.max(...xs))}]` : ms(xs[0]);
}

/** The Markdown section of docs/plan.md (pure: the tests render known samples). */
export function renderBench(r: BenchReport): string {
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  const out = [
    `Measured ${r.date} by \`npm run bench\`: ${r.cpus} CPUs (${r.cpuModel}), Node ${r.node}, load average ` +
      `(1, 5, 15 min) ${load(r.loadBefore)} before and ${load(r.loadAfter)} after; ${r.rounds} rounds, ` +
      "median [min-max]. CPU time is user + system of all processes involved and depends little on the load.",
    "",
  ];
  const stacks = [...new Set(r.phases.map((p) => p.stack))];
  const by = (stack: string) => r.phases.filter((p) => p.stack === stack);
  const med = (stack: string, k: keyof PhaseSample) => median(by(stack).map((p) => p[k] as number));

  out.push(
    "Relative figures (comparable between machines):",
    "",
    "| Stack | Resources | Analysis per resource (ms) | Analysis CPU per resource (ms) | Program run per resource (ms) | `npm run plan` CPU per resource (ms) | Plan / program run (wall) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const s of stacks) {
    const n = by(s)[0].resources;
    const plan = r.plan[s] ?? [];
    const planWall = plan.length ? median(plan.map((x) => x.wallMs)) : NaN;
    const planCpu = plan.length ? median(plan.map((x) => x.cpuMs)) : NaN;
    out.push(
      `| ${s} | ${n} | ${fixed(med(s, "analysisMs") / n)} | ${fixed(med(s, "analysisCpuMs") / n)} | ` +
        `${fixed(med(s, "harnessMs") / n)} | ${fixed(planCpu / n)} | ${fixed(planWall / med(s, "harnessMs"), 1)} |`,
    );
  }
  out.push(
    "",
    "Absolute figures on this machine (ms):",
    "",
    "| Stack | Program run | Program run CPU | Pack start | Analysis | Analysis CPU | `npm run plan` end to end | its CPU |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const s of stacks) {
    const col = (k: keyof PhaseSample) => spread(by(s).map((p) => p[k] as number));
    const plan = r.plan[s] ?? [];
    out.push(
      `| ${s} | ${col("harnessMs")} | ${col("harnessCpuMs")} | ${col("packStartMs")} | ${col("analysisMs")} | ` +
        `${col("analysisCpuMs")} | ${plan.length ? spread(plan.map((x) => x.wallMs)) : "-"} | ${plan.length ? spread(plan.map((x) => x.cpuMs)) : "-"} |`,
    );
  }
  out.push(
    "",
    "Program run: the harness runs the program under mocks in a warm process (round 1 also loads the modules). " +
      "Analysis: configure, then Remediate and Analyze of every resource and AnalyzeStack; its CPU is this process's " +
      "(encoding) plus the pack's. `npm run plan`: a new process each time (the bundle check, Node start, module " +
      "loading, program, pack, flows, reports).",
  );
  if (r.tests)
    out.push(
      "",
      `\`npm test\`: ${ms(r.tests.wallMs / 1000)} s wall, ${ms(r.tests.cpuMs / 1000)} s CPU, ${r.tests.passing} tests ` +
        `(${fixed(r.tests.cpuMs / Math.max(1, r.tests.passing), 1)} ms CPU per test).`,
    );
  if (r.pack) out.push("", "The pack against AWSGuard (`npm run bench:pack`, prod):", "", r.pack.trim());
  return out.join("\n") + "\n";
}

/** docs/plan.md with the section between the markers replaced. */
export function withSection(doc: string, section: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/plan.md lacks the markers ${START} ... ${END}`);
  return `${doc.slice(0, a + START.length)}\n\n${section}\n${doc.slice(b)}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      rounds: { type: "string", default: "3" },
      print: { type: "boolean", default: false },
      "no-tests": { type: "boolean", default: false },
      "no-pack": { type: "boolean", default: false },
    },
  });
  const rounds = Math.max(1, Number(values.rounds) || 3);
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const report: BenchReport = {
    date: new Date()
      .toISOString()
      .replace(/\.\d+Z$/, " UTC")
      .replace("T", " "),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
    loadBefore: os.loadavg(),
    loadAfter: [],
    rounds,
    phases: [],
    plan: {},
  };
  for (const stack of stackNames())
    for (let round = 1; round <= rounds; round++) {
      const s = await phases(stack);
      report.phases.push(s);
      log(`${stack} round ${round}: run ${ms(s.harnessMs)}, pack start ${ms(s.packStartMs)}, analysis ${ms(s.analysisMs)} ms`);
    }

  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plan-"));
  try {
    for (const stack of stackNames())
      for (let round = 1; round <= rounds; round++) {
        const r = command("npm", ["run", "--silent", "plan", "--", "--stack", stack, "--out", out]);
        if (!/^Summary: /m.test(r.stdout)) throw new Error(`npm run plan -- --stack ${stack} failed:\n${r.stdout}`);
        (report.plan[stack] ??= []).push({ wallMs: r.wallMs, cpuMs: r.cpuMs });
        log(`npm run plan -- --stack ${stack}: ${ms(r.wallMs)} ms, CPU ${ms(r.cpuMs)} ms`);
      }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }

  if (!values["no-tests"]) {
    log("npm test (about a minute)");
    const r = command("npm", ["test", "--silent", "--", "--reporter", "dot"]);
    const passing = Number(/(\d+) passing/.exec(r.stdout)?.[1] ?? 0);
    const failing = /(\d+) failing/.exec(r.stdout)?.[1];
    if (failing) log(`npm test: ${failing} failing (timed anyway)`);
    report.tests = { wallMs: r.wallMs, cpuMs: r.cpuMs, passing };
    log(`npm test: ${ms(r.wallMs / 1000)} s, CPU ${ms(r.cpuMs / 1000)} s, ${passing} passing`);
  }
  if (!values["no-pack"]) {
    log("npm run bench:pack");
    const r = spawnSync("npm", ["run", "--silent", "bench:pack"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    report.pack = r.status === 0 ? r.stdout : `(npm run bench:pack failed with exit code ${r.status})`;
  }
  report.loadAfter = os.loadavg();

  const section = renderBench(report);
  process.stdout.write(section);
  if (!values.print) {
    fs.writeFileSync(DOC, withSection(fs.readFileSync(DOC, "utf8"), section));
    log("wrote docs/plan.md");
  }
}

if (require.main === module)
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
