/**
 * The README's generated parts: the architecture diagram (prod) and the table of what differs per
 * stack, each between `<!-- generated:<name> -->` and `<!-- /generated:<name> -->`. Run
 * `npm run docs:readme` after a change to the program; test/docs/readme.test.ts fails while the
 * README is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig, PlatformConfig } from "../infra/config";
import { allPolicies } from "../policy-pack/policies";
import { analyzeStackWith, analyzeWith, configurePack, Diagnostic, PackConfig } from "../policy-pack/test/helpers";
import { findPlaceholders, PLACEHOLDERS } from "../infra/placeholders";
import { architectureMermaid } from "./architecture";
import { estimateCost } from "./cost/estimate";
import { SHARED_RUN } from "../test/support/stacks";
import { projectName, readStackConfig, ROOT, runStack, StackRun } from "./harness";

export const README = path.join(ROOT, "README.md");
export const STACK_NAMES = ["dev", "staging", "prod"] as const;

export interface StackFacts {
  stack: string;
  config: PlatformConfig;
  run: StackRun;
  verdict: { mandatory: number; advisory: number };
}

/**
 * The pack's findings on a run, configured from stacks/<stack>.policy.json as the CLI would be:
 * every resource through the `analyze` RPC, the whole stack through `analyzeStack`. Inputs are
 * copied: remediating policies rewrite what they are given, and runs are shared.
 */
export async function packDiagnostics(stack: string, run: StackRun): Promise<Diagnostic[]> {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "stacks", `${stack}.policy.json`), "utf8")) as PackConfig;
  const policies = configurePack(allPolicies, config);
  const inputs = run.resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: structuredClone(r.inputs),
    protect: r.protect,
    parent: r.parent ?? undefined,
    dependencies: r.dependencies,
  }));
  const diagnostics: Diagnostic[] = [];
  for (const r of inputs) diagnostics.push(...(await analyzeWith(policies, r)).diagnostics.map((d) => ({ ...d, urn: r.urn })));
  diagnostics.push(...(await analyzeStackWith(policies, inputs)).diagnostics);
  return diagnostics;
}

/** The verdict the stack table shows: how many findings at each level. */
export function verdictOf(diagnostics: Diagnostic[]): StackFacts["verdict"] {
  const count = (level: string) => diagnostics.filter((d) => d.enforcementLevel === level).length;
  return { mandatory: count("mandatory"), advisory: count("advisory") };
}

export function configOf(stack: string): PlatformConfig {
  return loadConfig(projectName(), stack, readStackConfig(stack));
}

const yes = (b: boolean) => (b ? "yes" : "no");

/** One row per stack: the choices that differ and the pack's verdict. */
export function stacksTable(facts: StackFacts[]): string {
  const rows: [string, (f: StackFacts) => string][] = [
    [
      "AZs / NAT gateways",
      (f) => `${f.config.network.azCount} / ${f.config.network.natStrategy === "OnePerAz" ? "one per AZ" : "one"}`,
    ],
    ["Interface endpoints", (f) => yes(f.config.network.interfaceEndpoints)],
    ["PostgreSQL", (f) => f.config.database.instanceClass],
    [
      "Multi-AZ / replicas / proxy",
      (f) => `${yes(f.config.database.multiAz)} / ${f.config.database.replicaCount} / ${yes(f.config.database.proxy)}`,
    ],
    ["Cache (Valkey)", (f) => `${f.config.cache.nodeCount} × ${f.config.cache.nodeType}`],
    ["Backups (days)", (f) => String(f.config.database.backupRetentionDays)],
    [
      "Apps nodes",
      (f) => {
        const g = f.config.cluster.nodeGroups.apps;
        return `${g.instanceTypes[0]} ${g.capacityType === "SPOT" ? "Spot" : "on-demand"}, ${g.minSize}-${g.maxSize}`;
      },
    ],
    [
      "Prometheus replicas / days",
      (f) => `${f.config.observability.prometheusReplicas} / ${f.config.observability.prometheusRetentionDays}`,
    ],
    ["Protected from deletion", (f) => yes(f.config.protectStatefulResources)],
    ["Image admission", (f) => f.config.services.admissionMode],
    ["Resources planned (Slack, PagerDuty set)", (f) => String(f.run.resources.length)],
    [
      "USD/month (priced / unpriced)",
      (f) => {
        const e = estimateCost(f.run.resources, { region: f.config.region, cost: f.config.cost });
        return `${Math.round(e.totalUsd).toLocaleString("en-US")} (${e.lines.length} / ${e.unknown.length})`;
      },
    ],
    ["Pack verdict (mandatory / advisory)", (f) => `${f.verdict.mandatory} / ${f.verdict.advisory}`],
  ];
  const head = `| | ${facts.map((f) => f.stack).join(" | ")} |`;
  const rule = `|---|${facts.map(() => "---").join("|")}|`;
  return [head, rule, ...rows.map(([label, cell]) => `| ${label} | ${facts.map(cell).join(" | ")} |`)].join("\n");
}

/** Wraps words into lines of at most `width` characters, continuation lines indented. */
function wrap(first: string, text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = first.trimEnd();
  for (const word of text.split(" ")) {
    if ((line + " " + word).length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line.trim() ? `${line} ${word}` : `${line}${word}`;
  }
  return [...lines, line].join("\n");
}

/** The deploy checklist's first step: each example value the stack files ship, and the keys that hold it. */
export function placeholderList(stacks: readonly string[] = STACK_NAMES): string {
  const found = stacks.flatMap((s) => findPlaceholders(readStackConfig(s)));
  const project = `${projectName()}:`;
  return PLACEHOLDERS.filter((p) => found.some((f) => f.what === p.what))
    .map((p) => {
      const keys = [
        ...new Set(found.filter((f) => f.what === p.what).map((f) => f.key.replace(project, "").replace(/\[\d+\]/g, ""))),
      ];
      return wrap("   -", `${p.what}, in ${keys.map((k) => `\`${k}\``).join(", ")}: put ${p.put} there.`, 118, "     ");
    })
    .join("\n");
}

export function generatedBlocks(facts: StackFacts[]): Record<string, string> {
  const prod = facts.find((f) => f.stack === "prod") ?? facts[facts.length - 1];
  return {
    architecture: ["```mermaid", architectureMermaid({ run: prod.run, table: prod.config.flows.table }), "```"].join("\n"),
    stacks: stacksTable(facts),
    placeholders: placeholderList(facts.map((f) => f.stack)),
  };
}

/** The README with each generated block replaced; throws if a marker is missing. */
export function updatedReadme(text: string, blocks: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const re = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- generated:${name} --> block`);
    out = out.replace(re, (_m, open: string, close: string) => `${open}\n${body}\n${close}`);
  }
  return out;
}

async function main() {
  const facts: StackFacts[] = [];
  for (const stack of STACK_NAMES) {
    // With the alert receivers' secrets set, as the README test runs it (and a production stack is).
    const run = await runStack(stack, SHARED_RUN);
    facts.push({ stack, config: configOf(stack), run, verdict: verdictOf(await packDiagnostics(stack, run)) });
  }
  fs.writeFileSync(README, updatedReadme(fs.readFileSync(README, "utf8"), generatedBlocks(facts)));
  console.log("README.md: generated blocks updated");
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
