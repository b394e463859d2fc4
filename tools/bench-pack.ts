/**
 * The policy pack's analysis cost per resource, side by side with AWSGuard (npm @pulumi/awsguard,
 * pinned in policy-pack/bench/awsguard), over the analyzer protocol, on the same prod plan in the
 * same run: `npm run bench:pack` (5 rounds) or `npm run bench:pack -- --rounds 9 --stack staging`.
 *
 * Each pack is started the way the Pulumi CLI starts it (run-policy-pack, cwd = the pack folder,
 * our pack from its compiled bin/index.js), configured (ours with stacks/<stack>.policy.json,
 * AWSGuard with every policy mandatory), warmed up with one pass, then timed: per round, one
 * Analyze call per resource of the plan, then one AnalyzeStack. The two packs alternate resource by
 * resource so load on the machine hits both alike. Reported: the median round per pack, ms per
 * resource, and the ratio ours / AWSGuard.
 *
 * AWSGuard's dependencies (about 240 MB: @pulumi/aws 4, aws-sdk 2) are installed on first use
 * into policy-pack/bench/awsguard/node_modules from its lockfile. Numbers go into docs/policies.md;
 * tests never assert timings.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ROOT, readStackConfig, runStack } from "./harness";
import { PACK_DIR, PolicyRunner } from "./policy-runner";
import { withEngineUrns } from "./urns";

const PEER_DIR = path.join(PACK_DIR, "bench", "awsguard");

interface Pack {
  label: string;
  runner: PolicyRunner;
  pid: number;
  policies: number;
  rounds: number[];
  /** CPU time (user + system) the pack process spent per round of Analyze calls. */
  cpu: number[];
  stackMs: number[];
}

/** CPU milliseconds (user + system) a process has used, from /proc/<pid>/stat (Linux). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15 of stat)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ensureInstalled(): void {
  if (fs.existsSync(path.join(PEER_DIR, "node_modules", "@pulumi", "awsguard"))) return;
  process.stderr.write("[bench:pack] installing AWSGuard for the comparison (npm ci in policy-pack/bench/awsguard)\n");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: PEER_DIR, stdio: "inherit" });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { rounds: { type: "string", default: "5" }, stack: { type: "string", default: "prod" } },
  });
  const rounds = Math.max(1, Number(values.rounds) || 5);
  const stack = values.stack ?? "prod";
  ensureInstalled();
  execFileSync("npm", ["run", "build", "-w", "policy-pack", "--silent"], { cwd: ROOT, stdio: "inherit" });

  const run = withEngineUrns(await runStack(stack));
  const resources = run.resources.filter((r) => !r.type.startsWith("pulumi:"));
  const common = { project: run.project, stack, config: readStackConfig(stack) };
  const packs: Pack[] = [];
  for (const [label, packDir, config] of [
    ["this pack", PACK_DIR, path.join(ROOT, "stacks", `${stack}.policy.json`)],
    // acm-certificate-expiration calls the ACM API (DescribeCertificate), which cannot run offline.
    ["AWSGuard 0.3.1", PEER_DIR, { "acm-certificate-expiration": "disabled" }],
  ] as const) {
    const runner = await PolicyRunner.start({ ...common, packDir });
    const info = await runner.analyzerInfo();
    await runner.configureStack({ stack, project: run.project, config: readStackConfig(stack) });
    for (const r of resources) await runner.analyze(r, run.resources); // warm-up
    const sent = await runner.configure(config);
    const enabled = Object.values(sent).filter((c) => c.enforcementLevel !== "disabled").length;
    // PolicyRunner keeps its child process private; the pid is only read here, for /proc.
    const pid = (runner as unknown as { child: { pid: number } }).child.pid;
    packs.push({ label, runner, pid, policies: enabled || info.policies.length, rounds: [], cpu: [], stackMs: [] });
  }
  try {
    for (let i = 0; i < rounds; i++) {
      // Resource by resource, both packs in turn (order alternating), so load on a shared
      // machine falls on both alike; each pack's round is the sum of its own calls.
      const sums = packs.map(() => 0);
      const cpu0 = packs.map((p) => cpuMs(p.pid));
      for (let j = 0; j < resources.length; j++) {
        const order = (i + j) % 2 === 0 ? [0, 1] : [1, 0];
        for (const k of order) {
          const t0 = performance.now();
          await packs[k].runner.analyze(resources[j], run.resources);
          sums[k] += performance.now() - t0;
        }
      }
      packs.forEach((p, k) => {
        p.rounds.push(sums[k]);
        p.cpu.push(cpuMs(p.pid) - cpu0[k]);
      });
      for (const p of i % 2 === 0 ? packs : [...packs].reverse()) {
        const t1 = performance.now();
        await p.runner.analyzeStack(run.resources);
        p.stackMs.push(performance.now() - t1);
      }
    }
  } finally {
    for (const p of packs) await p.runner.close();
  }

  const perResource = (p: Pack) => median(p.rounds) / resources.length;
  const cpuPerResource = (p: Pack) => median(p.cpu) / resources.length;
  const lines = [
    `${new Date().toISOString().slice(0, 10)}, ${stack} plan, ${resources.length} resources, ${rounds} rounds (median), Node ${process.version}, ${require("node:os").cpus().length} cores, load ${require("node:os").loadavg()[0].toFixed(1)}`,
    "",
    "| Pack | Policies enabled | Analyze, all resources (ms) | Per resource, round trip (ms) | Per resource, pack CPU (ms) | Pack CPU per resource and policy (µs) | AnalyzeStack (ms) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...packs.map(
      (p) =>
        `| ${p.label} | ${p.policies} | ${median(p.rounds).toFixed(0)} | ${perResource(p).toFixed(2)} | ${cpuPerResource(p).toFixed(2)} | ${((cpuPerResource(p) * 1000) / p.policies).toFixed(1)} | ${median(p.stackMs).toFixed(0)} |`,
    ),
    "",
    `Ratio per resource, this pack / AWSGuard: round trip ${(perResource(packs[0]) / perResource(packs[1])).toFixed(2)}, pack CPU ${(cpuPerResource(packs[0]) / cpuPerResource(packs[1])).toFixed(2)}`,
  ];
  console.log(lines.join("\n"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
