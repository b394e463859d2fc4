/**
 * Times the offline plan of each stack: `npm run bench` (3 rounds) or `npm run bench -- --rounds 5`.
 *
 * Phases per stack and round: the harness run of the program under mocks, the pack's start (spawn
 * to port line: run-policy-pack registers ts-node with type checking, then loads the pack), and
 * the analysis (configure, Analyze of every resource, AnalyzeStack). Round 1 of the first stack
 * also pays for loading the program's modules. One extra start per run with TS_NODE_CACHE=false
 * shows the cost of a cold ts-node compile (a fresh machine or a changed pack). Last, the whole
 * command (`node --import tsx tools/plan.ts --stack <s>`) is timed in a new process per round.
 *
 * Numbers go into docs/plan.md; tests never assert timings.
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

interface Sample {
  stack: string;
  round: number;
  resources: number;
  harnessMs: number;
  packStartMs: number;
  analysisMs: number;
  totalMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function once(stack: string, round: number): Promise<Sample> {
  const t0 = performance.now();
  const run = withEngineUrns(await runStack(stack));
  const t1 = performance.now();
  const runner = await PolicyRunner.start({ project: run.project, stack, config: readStackConfig(stack) });
  const t2 = performance.now();
  try {
    const policyConfig = path.join(ROOT, "stacks", `${stack}.policy.json`);
    await runner.configureStack({ stack, project: run.project, config: readStackConfig(stack) });
    await runner.configure(fs.existsSync(policyConfig) ? policyConfig : undefined);
    await runner.evaluate(run.resources);
  } finally {
    await runner.close();
  }
  const t3 = performance.now();
  return {
    stack,
    round,
    resources: run.resources.length,
    harnessMs: t1 - t0,
    packStartMs: t2 - t1,
    analysisMs: t3 - t2,
    totalMs: t3 - t0,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { rounds: { type: "string", default: "3" } } });
  const rounds = Math.max(1, Number(values.rounds) || 3);
  const samples: Sample[] = [];
  for (const stack of stackNames()) {
    for (let round = 1; round <= rounds; round++) {
      const s = await once(stack, round);
      samples.push(s);
      process.stderr.write(`[bench] ${stack} round ${round}: ${Math.round(s.totalMs)} ms\n`);
    }
  }
  const cold = await PolicyRunner.start({ env: { TS_NODE_CACHE: "false" } });
  await cold.close();

  // The whole command as a user runs it (a fresh process: Node + tsx start, module loading, plan, reports).
  const cli: Record<string, number[]> = {};
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plan-"));
  for (const stack of stackNames()) {
    for (let round = 1; round <= rounds; round++) {
      const t = performance.now();
      const r = spawnSync(
        process.execPath,
        ["--import", "tsx", path.join(ROOT, "tools", "plan.ts"), "--stack", stack, "--json", "--out", out],
        {
          cwd: ROOT,
          stdio: "ignore",
        },
      );
      if (r.status !== 0 && r.status !== 1) throw new Error(`plan of ${stack} exited ${r.status}`);
      (cli[stack] ??= []).push(performance.now() - t);
    }
  }
  fs.rmSync(out, { recursive: true, force: true });

  const ms = (n: number) => `${Math.round(n)}`;
  const lines = [
    `Offline plan timings (ms), ${rounds} rounds per stack, median [min-max]; ${os.cpus().length} CPUs, Node ${process.version}`,
    "",
    "| Stack | Resources | Harness run | Pack start | Analysis | Total |",
    "|---|---|---|---|---|---|",
  ];
  for (const stack of [...new Set(samples.map((s) => s.stack))]) {
    const ss = samples.filter((s) => s.stack === stack);
    const cell = (k: keyof Sample) => {
      const xs = ss.map((s) => s[k] as number);
      return `${ms(median(xs))} [${ms(Math.min(...xs))}-${ms(Math.max(...xs))}]`;
    };
    lines.push(
      `| ${stack} | ${ss[0].resources} | ${cell("harnessMs")} | ${cell("packStartMs")} | ${cell("analysisMs")} | ${cell("totalMs")} |`,
    );
  }
  lines.push("", "`npm run plan -- --stack <stack>` end to end (a new process each time), median [min-max]:", "");
  for (const [stack, xs] of Object.entries(cli))
    lines.push(`- ${stack}: ${ms(median(xs))} [${ms(Math.min(...xs))}-${ms(Math.max(...xs))}] ms`);
  lines.push(
    "",
    `Pack start without the ts-node cache (TS_NODE_CACHE=false, a cold compile with type checking): ${cold.startMs} ms`,
  );
  process.stdout.write(lines.join("\n") + "\n");
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
