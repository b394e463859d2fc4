/**
 * The offline plan: `npm run plan -- --stack <name>` shows what a stack would build and the policy
 * verdict, without a cloud account or the Pulumi CLI.
 *
 * 1. Runs the real program for the stack under Pulumi's mock runtime (tools/harness.ts).
 * 2. Starts the policy pack as the CLI does and evaluates it over the analyzer protocol
 *    (tools/policy-runner.ts): configure with stacks/<stack>.policy.json, analyze each resource,
 *    analyze the stack.
 * 3. Evaluates the reachability of every flow of the stack's flow table, layer by layer, and proves
 *    the forbidden flows closed (tools/flow-check).
 * 4. Prints a resource tree like `pulumi preview`, a summary by type, the diagnostics by level, the
 *    flow table and the stack outputs (secrets masked); writes <out>/<stack>.json and <out>/<stack>.md.
 *
 * Exit codes: 0 no mandatory violation and every flow as required; 1 at least one mandatory
 * violation, declared flow closed or forbidden flow open; 2 bad usage or bad
 * config (stack config or policy config); 3 an unexpected failure (e.g. the pack does not start).
 * See docs/plan.md.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
// Types only at the top: the program, the Pulumi SDK and the runner load lazily (in plan() and
// main()), so usage errors answer at once.
import type { CostEstimate } from "./cost";
import type { HarnessOptions } from "./harness";
import { FlowRow, LAYERS, renderFlows } from "./flow-check";
import type { Diagnostic, Remediation } from "./policy-runner";
import { ROOT } from "./root";
import { architectureGraph, type ArchitectureGraph, graphMermaid } from "./architecture";
import { graphSvg } from "./diagram-svg";

/** The plan's JSON document (stable: tests pin its shape). */
export interface PlanDocument {
  project: string;
  stack: string;
  resources: {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    provider: string | null;
    dependencies: string[];
    custom: boolean;
    remote: boolean;
    protect: boolean;
    inputs: Record<string, unknown>;
  }[];
  diagnostics: Diagnostic[];
  /** The reachability table (docs/plan.md "Flows"). */
  flows: FlowRow[];
  outputs: Record<string, unknown>;
  /** The program's `pulumi.log.warn` messages (a real preview prints them too). */
  warnings: string[];
  /** `flowsFailing`: declared flows closed plus forbidden flows open. */
  summary: { resources: number; mandatory: number; advisory: number; flows: number; flowsFailing: number };
  /** With `--cost`: the monthly estimate (tools/cost, docs/cost.md). */
  cost?: CostEstimate;
  /** The architecture diagram's graph (tools/architecture.ts); absent for a project without a flow table. */
  architecture?: ArchitectureGraph;
}

export interface PlanOptions {
  stack: string;
  /** Another Pulumi project folder (e.g. bootstrap/): its stack files, and its policy.json as the pack config. */
  projectDir?: string;
  /** Another stack file instead of Pulumi.<stack>.yaml (test profiles). */
  stackFile?: string;
  /** Policy config; default stacks/<stack>.policy.json when it exists. */
  policyConfig?: string;
  /** Skip the policy pack. */
  noPolicy?: boolean;
  /** Another policy pack folder (default: policy-pack/). */
  policyPack?: string;
  /** Test hooks passed to the harness. */
  secrets?: HarnessOptions["secrets"];
  config?: HarnessOptions["config"];
  program?: HarnessOptions["program"];
  /** Add the monthly cost estimate (tools/cost). */
  cost?: boolean;
  /** Progress messages (default: none). */
  progress?: (message: string) => void;
}

/** Bad usage: unknown option, missing stack, missing file. */
export class UsageError extends Error {
  name = "UsageError";
}

/** A plan: the JSON document plus what only the printed reports show. */
export interface PlanResult {
  document: PlanDocument;
  /** Inputs rewritten by policies at level `remediate` before analysis (as `pulumi preview` does). */
  remediations: Remediation[];
}

/** Runs the program and the pack. Throws ConfigError, PolicyConfigError, UsageError. */
export async function plan(options: PlanOptions): Promise<PlanResult> {
  const progress = options.progress ?? (() => undefined);
  const projectDir = options.projectDir ? path.resolve(options.projectDir) : undefined;
  if (projectDir && !fs.existsSync(path.join(projectDir, "Pulumi.yaml")))
    throw new UsageError(`no Pulumi project (Pulumi.yaml) in ${path.relative(ROOT, projectDir) || projectDir}`);
  const stackFile = options.stackFile
    ? path.resolve(options.stackFile)
    : path.join(projectDir ?? ROOT, `Pulumi.${options.stack}.yaml`);
  const defaultPolicyConfig = projectDir
    ? path.join(projectDir, "policy.json")
    : path.join(ROOT, "stacks", `${options.stack}.policy.json`);
  if (!fs.existsSync(stackFile))
    throw new UsageError(`no stack file ${path.relative(ROOT, stackFile) || stackFile} for stack "${options.stack}"`);
  const policyConfig = options.policyConfig
    ? path.resolve(options.policyConfig)
    : fs.existsSync(defaultPolicyConfig)
      ? defaultPolicyConfig
      : undefined;
  if (policyConfig && !fs.existsSync(policyConfig))
    throw new UsageError(`no policy config file ${path.relative(ROOT, policyConfig) || policyConfig}`);
  if (options.policyPack && !fs.existsSync(path.join(options.policyPack, "PulumiPolicy.yaml"))) {
    throw new UsageError(`no policy pack (PulumiPolicy.yaml) in ${options.policyPack}`);
  }

  const { projectName, readStackConfig, runStack, stackConfig } = require("./harness") as typeof import("./harness");
  const { PolicyRunner, readPolicyConfig } = require("./policy-runner") as typeof import("./policy-runner");
  const { withEngineUrns } = require("./urns") as typeof import("./urns");
  // Fail fast on a malformed policy config file, before the program runs (schema checks need the pack).
  if (policyConfig && !options.noPolicy) readPolicyConfig(policyConfig);

  // The pack starts first and loads its modules on the second core while this process loads and
  // runs the program (docs/plan.md "Profile": the two starts are the biggest fixed costs).
  const packStart = options.noPolicy ? undefined : startPack();
  function startPack() {
    progress("starting the policy pack");
    const project = projectName(projectDir);
    const config = readStackConfig(options.stack, stackFile);
    const started = PolicyRunner.start({
      packDir: options.policyPack ? path.resolve(options.policyPack) : undefined,
      project,
      stack: options.stack,
      config,
    });
    started.catch(() => undefined); // awaited below; a program error first must not leave it unhandled
    return started;
  }

  progress(`running the program for stack "${options.stack}" under mocks`);
  let t = Date.now();
  let run: import("./harness").StackRun;
  try {
    run = withEngineUrns(
      await runStack(options.stack, {
        stackFile,
        secrets: options.secrets,
        config: options.config,
        program: options.program,
        projectDir,
      }),
    );
  } catch (e) {
    await stopPack(e);
    throw e;
  }
  progress(`registered ${run.resources.length} resources (${Date.now() - t} ms)`);

  // The flow table is the platform program's; another project (bootstrap/) has no flows to check.
  let architecture: ArchitectureGraph | undefined;
  let flows: FlowRow[];
  try {
    flows = projectDir ? [] : checkPlatformFlows(run);
  } catch (e) {
    await stopPack(e);
    throw e;
  }
  /**
   * After a failed run the pack is stopped before the error is reported. The SDK leaves promises
   * rejected with the program's error behind (the stack's outputs); while we wait for the pack they
   * would surface as unhandled rejections of that same error, so those alone are ignored.
   */
  async function stopPack(error: unknown) {
    if (!packStart) return;
    const sameError = (reason: unknown) => {
      if (reason !== error) throw reason;
    };
    process.on("unhandledRejection", sameError);
    try {
      await packStart.then((runner) => runner.close()).catch(() => undefined);
    } finally {
      process.off("unhandledRejection", sameError);
    }
  }
  function checkPlatformFlows(run: import("./harness").StackRun) {
    progress("checking the flows layer by layer");
    const { loadConfig } = require("../infra/config") as typeof import("../infra/config");
    const { checkFlows } = require("./flow-check") as typeof import("./flow-check");
    const harnessOptions = { stackFile, secrets: options.secrets, config: options.config };
    const stackSettings = loadConfig(run.project, run.stack, stackConfig(options.stack, harnessOptions).config);
    architecture = architectureGraph({ run, table: stackSettings.flows.table });
    return checkFlows({
      resources: run.resources,
      flows: stackSettings.flows,
      project: run.project,
      stack: run.stack,
      region: stackSettings.region,
    });
  }

  let diagnostics: Diagnostic[] = [];
  let remediations: Remediation[] = [];
  if (packStart) {
    const runner = await packStart;
    try {
      // The engine's order: ConfigureStack right after the start, then the pack's info, then Configure.
      await runner.configureStack({ stack: run.stack, project: run.project, config: readStackConfig(run.stack, stackFile) });
      const info = await runner.analyzerInfo();
      progress(`policy pack ${info.name}@${info.version}: ${info.policies.length} policies (started in ${runner.startMs} ms)`);
      await runner.configure(policyConfig);
      if (policyConfig) progress(`configured with ${path.relative(ROOT, policyConfig)}`);
      t = Date.now();
      diagnostics = await runner.evaluate(run.resources, (done, total) => {
        if (done === total || done % 100 === 0) progress(`analyzed ${done}/${total} resources`);
      });
      remediations = runner.remediations;
      progress(
        `analyzed the stack: ${diagnostics.length} diagnostics, ${remediations.length} remediations (${Date.now() - t} ms)`,
      );
    } finally {
      await runner.close();
    }
  }

  const document: PlanDocument = {
    project: run.project,
    stack: run.stack,
    resources: run.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      provider: r.provider,
      dependencies: r.dependencies,
      custom: r.custom,
      remote: r.remote,
      protect: r.protect,
      inputs: r.inputs,
    })),
    diagnostics,
    flows,
    outputs: run.outputs,
    warnings: run.warnings,
    ...(architecture ? { architecture } : {}),
    summary: {
      resources: run.resources.length,
      mandatory: diagnostics.filter((d) => d.level === "mandatory").length,
      advisory: diagnostics.filter((d) => d.level === "advisory").length,
      flows: flows.length,
      flowsFailing: flows.filter((f) => !f.ok).length,
    },
  };
  if (options.cost) {
    const { estimatePlan } = require("./cost") as typeof import("./cost");
    document.cost = estimatePlan(document, { stackFile, config: options.config });
  }
  return { document, remediations };
}

type PlanResource = PlanDocument["resources"][number];

/** Depth-first order of the tree with each resource's depth and whether it is its parent's last child. */
function walk(doc: PlanDocument): { r: PlanResource; prefix: string }[] {
  const children = new Map<string | null, PlanResource[]>();
  const urns = new Set(doc.resources.map((r) => r.urn));
  for (const r of doc.resources) {
    const key = r.parent && urns.has(r.parent) ? r.parent : null;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const out: { r: PlanResource; prefix: string }[] = [];
  const visit = (r: PlanResource, lead: string, branch: string) => {
    out.push({ r, prefix: lead + branch });
    const kids = children.get(r.urn) ?? [];
    const nextLead = lead + (branch === "" ? "" : branch === "└─ " ? "   " : "│  ");
    kids.forEach((k, i) => visit(k, nextLead, i === kids.length - 1 ? "└─ " : "├─ "));
  };
  for (const r of children.get(null) ?? []) visit(r, "", "");
  return out;
}

function marks(r: PlanResource): string {
  return [r.remote ? "[remote]" : "", r.protect ? "[protected]" : ""].filter(Boolean).join(" ");
}

function shortUrn(doc: PlanDocument, urn: string | null): string {
  if (!urn) return "(stack)";
  const r = doc.resources.find((x) => x.urn === urn);
  return r ? `${r.type} "${r.name}"` : urn;
}

const REMOTE_NOTE =
  "Remote components ([remote]) register one resource offline; their children appear only at a real `pulumi preview`, " +
  "where the pack's AWS-level policies check them too. Offline, policies check the components' own inputs.";

/** Diagnostics of one level grouped by policy (first message line as the description), busiest first. */
export function groupByPolicy(ds: PlanDocument["diagnostics"]): { policy: string; description: string; urns: string[] }[] {
  const groups = new Map<string, { policy: string; description: string; urns: string[] }>();
  // A stack-level diagnostic has no URN: it is listed as "(stack)".
  for (const d of ds) {
    const g = groups.get(d.policy) ?? { policy: d.policy, description: d.message.split("\n")[0], urns: [] };
    g.urns.push(d.urn ?? "(stack)");
    groups.set(d.policy, g);
  }
  return [...groups.values()].sort((a, b) => b.urns.length - a.urns.length || a.policy.localeCompare(b.policy));
}

/** The human-readable report printed to stdout. */
export function renderText(doc: PlanDocument, files: string[] = [], remediations: Remediation[] = []): string {
  const lines: string[] = [];
  lines.push(`Plan of stack ${doc.stack} (project ${doc.project}), offline under Pulumi mocks`, "");
  // First, not last: e.g. "critical alerts are only e-mailed" must not scroll away under the tree.
  if (doc.warnings.length) {
    lines.push(`WARNINGS (${doc.warnings.length}):`);
    for (const w of doc.warnings) lines.push(`  ! ${w}`);
    lines.push("");
  }
  const rows = walk(doc);
  const typeWidth = Math.max(4, ...rows.map(({ r, prefix }) => prefix.length + r.type.length)) + 2;
  const nameWidth = Math.max(4, ...rows.map(({ r }) => r.name.length)) + 2;
  lines.push(`    ${"Type".padEnd(typeWidth)}${"Name".padEnd(nameWidth)}Plan`);
  for (const { r, prefix } of rows)
    lines.push(` +  ${(prefix + r.type).padEnd(typeWidth)}${r.name.padEnd(nameWidth)}create ${marks(r)}`.trimEnd());
  if (doc.resources.some((r) => r.remote)) lines.push("", REMOTE_NOTE);

  lines.push("", "Resources by type:");
  const byType = new Map<string, number>();
  for (const r of doc.resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  const tw = Math.max(...[...byType.keys()].map((k) => k.length));
  for (const [type, n] of [...byType.entries()].sort((a, b) => a[0].localeCompare(b[0])))
    lines.push(`    ${type.padEnd(tw)}  ${n}`);
  lines.push(`    ${"total".padEnd(tw)}  ${doc.resources.length}`);

  lines.push("", "Policy diagnostics:");
  const mandatory = doc.diagnostics.filter((d) => d.level === "mandatory");
  lines.push(`  mandatory (${mandatory.length})`);
  for (const d of mandatory) {
    lines.push(`    [${d.policy}] ${shortUrn(doc, d.urn)}`);
    for (const m of d.message.split("\n")) lines.push(`        ${m}`);
  }
  // Advisories are deliberate choices of the cheaper stacks: one line per policy, not per resource.
  const advisory = groupByPolicy(doc.diagnostics.filter((d) => d.level === "advisory"));
  lines.push(`  advisory (${advisory.reduce((n, g) => n + g.urns.length, 0)}, ${advisory.length} policies)`);
  for (const g of advisory) {
    const names = g.urns.map((u) => doc.resources.find((r) => r.urn === u)?.name ?? u);
    const shown = names.slice(0, 4).join(", ") + (names.length > 4 ? `, +${names.length - 4} more` : "");
    lines.push(`    [${g.policy}] x${g.urns.length}: ${g.description}`, `        ${shown}`);
  }

  if (remediations.length) {
    lines.push("", `Remediations applied before analysis (${remediations.length}):`);
    for (const r of remediations) lines.push(`    [${r.policy}] ${shortUrn(doc, r.urn)}: ${r.description}`);
  }

  lines.push(
    "",
    `Flows (${doc.flows.length}; ${doc.summary.flowsFailing} failing): open/CLOSED per layer, the closing rule below a closed flow`,
  );
  lines.push(...renderFlows(doc.flows));

  lines.push("", "Outputs:");
  for (const [k, v] of Object.entries(doc.outputs)) lines.push(`    ${k}: ${JSON.stringify(v)}`);

  lines.push(
    "",
    `Summary: ${doc.summary.resources} resources, ${doc.summary.mandatory} mandatory and ${doc.summary.advisory} advisory policy violations, ` +
      `${doc.summary.flows} flows checked, ${doc.summary.flowsFailing} failing.`,
  );
  if (doc.cost) lines.push("", (require("./cost") as typeof import("./cost")).renderCostText(doc.cost).trimEnd());
  if (files.length) lines.push(`Wrote ${files.join(", ")}`);
  return lines.join("\n") + "\n";
}

function mermaidLabel(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

/** The Markdown report with a Mermaid graph of the resource tree. */
export function renderMarkdown(doc: PlanDocument, remediations: Remediation[] = []): string {
  const ids = new Map(doc.resources.map((r, i) => [r.urn, `r${i}`]));
  const md: string[] = [];
  md.push(`# Plan of stack \`${doc.stack}\``, "");
  md.push(
    `Project \`${doc.project}\`, run offline under Pulumi mocks by \`npm run plan -- --stack ${doc.stack}\`. ` +
      `${doc.summary.resources} resources; ${doc.summary.mandatory} mandatory and ${doc.summary.advisory} advisory policy violations.`,
    "",
  );
  if (doc.architecture) md.push("## Architecture", "", "```mermaid", graphMermaid(doc.architecture), "```", "");
  md.push("## Resource graph", "", "```mermaid", "graph LR");
  for (const r of doc.resources) {
    const id = ids.get(r.urn)!;
    const label = mermaidLabel(
      `${r.type}<br/>${r.name}${r.remote ? "<br/>[remote]" : ""}${r.protect ? "<br/>[protected]" : ""}`,
    ).replace(/#lt;br\/#gt;/g, "<br/>");
    md.push(r.custom ? `  ${id}["${label}"]` : `  ${id}(["${label}"])`);
  }
  for (const r of doc.resources) if (r.parent && ids.has(r.parent)) md.push(`  ${ids.get(r.parent)} --> ${ids.get(r.urn)}`);
  const remote = doc.resources.filter((r) => r.remote).map((r) => ids.get(r.urn));
  if (remote.length) md.push("  classDef remote stroke-dasharray: 5 5", `  class ${remote.join(",")} remote`);
  const flagged = [
    ...new Set(doc.diagnostics.filter((d) => d.level === "mandatory" && d.urn && ids.has(d.urn)).map((d) => ids.get(d.urn!))),
  ];
  if (flagged.length) md.push("  classDef violation stroke:#c00,stroke-width:3px", `  class ${flagged.join(",")} violation`);
  md.push("```", "");
  md.push(
    "Rounded boxes are components, square boxes custom resources; dashed: remote components; red: mandatory violations.",
    "",
  );
  if (remote.length) md.push(`> ${REMOTE_NOTE}`, "");

  md.push("## Resources by type", "", "| Type | Count |", "|---|---|");
  const byType = new Map<string, number>();
  for (const r of doc.resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  for (const [type, n] of [...byType.entries()].sort((a, b) => a[0].localeCompare(b[0]))) md.push(`| \`${type}\` | ${n} |`);
  md.push("");

  md.push("## Policy diagnostics", "");
  for (const level of ["mandatory", "advisory"] as const) {
    const ds = doc.diagnostics.filter((d) => d.level === level);
    md.push(`### ${level[0].toUpperCase()}${level.slice(1)} (${ds.length})`, "");
    if (ds.length === 0) md.push("None.", "");
    else {
      md.push("| Policy | Resource | Message |", "|---|---|---|");
      for (const d of ds)
        md.push(
          `| \`${d.policy}\` | ${shortUrn(doc, d.urn).replace(/\|/g, "\\|")} | ${d.message.replace(/\|/g, "\\|").replace(/\n/g, "<br/>")} |`,
        );
      md.push("");
    }
  }

  md.push("## Flows", "", `${doc.summary.flows} flows, ${doc.summary.flowsFailing} failing (docs/plan.md "Flows").`, "");
  md.push(`| Flow | Expected | ${LAYERS.join(" | ")} | Result |`, `|---|---|${LAYERS.map(() => "---").join("|")}|---|`);
  for (const f of doc.flows) {
    const cells = LAYERS.map((l) => f.layers.find((x) => x.layer === l)?.state ?? "n/a");
    md.push(
      `| ${f.flow} | ${f.expected} | ${cells.join(" | ")} | ${f.ok ? "ok" : "FAIL"}${f.closedBy ? ` (closed by ${f.closedBy.layer}: ${f.closedBy.detail.replace(/\|/g, "\\|")})` : ""} |`,
    );
  }
  md.push("");

  if (remediations.length) {
    md.push("### Remediations applied before analysis", "", "| Policy | Resource | What |", "|---|---|---|");
    for (const r of remediations)
      md.push(`| \`${r.policy}\` | ${shortUrn(doc, r.urn)} | ${r.description.replace(/\|/g, "\\|")} |`);
    md.push("");
  }

  md.push("## Resources", "", "| Type | Name | Parent | Notes |", "|---|---|---|---|");
  for (const r of doc.resources)
    md.push(`| \`${r.type}\` | ${r.name} | ${r.parent ? shortUrn(doc, r.parent) : ""} | ${marks(r)} |`);
  md.push("");
  md.push("## Outputs", "", "Secrets are shown as `[secret]`.", "", "```json", JSON.stringify(doc.outputs, null, 2), "```", "");
  if (doc.cost) md.push((require("./cost") as typeof import("./cost")).renderCostMarkdown(doc.cost));
  return md.join("\n");
}

/**
 * The plan's picture: the architecture diagram of the stack (the README's, drawn for this stack)
 * for the platform program; for another project (bootstrap/), its top-level resources and the
 * dependencies between them. Red: boxes standing for a resource with a mandatory violation.
 */
export function renderSvg(doc: PlanDocument): string {
  const violatingUrns = new Set(doc.diagnostics.filter((d) => d.level === "mandatory" && d.urn).map((d) => d.urn!));
  const title =
    `Stack ${doc.stack}: ${doc.summary.resources} resources, ${doc.summary.mandatory} mandatory and ` +
    `${doc.summary.advisory} advisory violations, ${doc.summary.flows} flows (${doc.summary.flowsFailing} failing)`;
  if (doc.architecture) {
    const types = new Set(doc.resources.filter((r) => violatingUrns.has(r.urn)).map((r) => r.type));
    const violating = new Set(doc.architecture.nodes.filter((n) => n.types.some((t) => types.has(t))).map((n) => n.id));
    return graphSvg(doc.architecture, { title, violating });
  }
  const graph = topLevelGraph(doc);
  const violating = new Set(graph.nodes.filter((n) => [...violatingUrns].some((u) => topOf(doc, u) === n.id)).map((n) => n.id));
  return graphSvg(graph, { title, violating });
}

/** The top-level resource (a child of the stack) whose subtree holds `urn`. */
function topOf(doc: PlanDocument, urn: string): string | undefined {
  const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
  let r = byUrn.get(urn);
  while (r && r.parent && byUrn.get(r.parent)?.type !== "pulumi:pulumi:Stack") r = byUrn.get(r.parent);
  return r && r.type !== "pulumi:pulumi:Stack" ? nodeId(r.urn) : undefined;
}

const nodeId = (urn: string) => "n" + urn.replace(/[^A-Za-z0-9]/g, "_");

/** The stack's direct children and the dependencies between their subtrees. */
function topLevelGraph(doc: PlanDocument): ArchitectureGraph {
  const stack = doc.resources.find((r) => r.type === "pulumi:pulumi:Stack");
  const tops = doc.resources.filter((r) => r.parent === (stack?.urn ?? null) && r !== stack);
  const nodes = tops.map((r) => ({
    id: nodeId(r.urn),
    label: [r.type, r.name],
    shape: (r.custom ? "service" : "external") as "service" | "external",
    types: [],
  }));
  const seen = new Set<string>();
  const edges: ArchitectureGraph["edges"] = [];
  for (const r of doc.resources) {
    const from = topOf(doc, r.urn);
    for (const dep of r.dependencies) {
      const to = topOf(doc, dep);
      if (!from || !to || from === to || seen.has(`${from} ${to}`)) continue;
      seen.add(`${from} ${to}`);
      edges.push({ from, to, dotted: false });
    }
  }
  return { groups: [], nodes, edges };
}

/** Writes <out>/<stack>.json, <out>/<stack>.md and <out>/<stack>.svg; returns their paths. */
export function writeReports(doc: PlanDocument, outDir: string, remediations: Remediation[] = []): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const json = path.join(outDir, `${doc.stack}.json`);
  const md = path.join(outDir, `${doc.stack}.md`);
  fs.writeFileSync(json, JSON.stringify(doc, null, 2) + "\n");
  fs.writeFileSync(md, renderMarkdown(doc, remediations));
  const svg = path.join(outDir, `${doc.stack}.svg`);
  fs.writeFileSync(svg, renderSvg(doc));
  return [json, md, svg];
}

const USAGE = `usage: npm run plan -- --stack <name> [--out <dir>] [--json] [--policy-config <file>] [--stack-file <file>]
                              [--policy-pack <dir>] [--no-policy] [--cost] [--project <dir>]

  --stack <name>          the stack to plan (dev, staging, prod, ...); required
  --out <dir>             where to write <stack>.json, .md and .svg (default: plan/)
  --json                  print only the JSON document on stdout
  --policy-config <file>  policy config instead of stacks/<stack>.policy.json
  --stack-file <file>     stack file instead of Pulumi.<stack>.yaml
  --policy-pack <dir>     another policy pack folder instead of policy-pack/ (tests)
  --no-policy             skip the policy pack
  --cost                  add the monthly cost estimate (docs/cost.md)
  --project <dir>         another Pulumi project, e.g. bootstrap (its Pulumi.<stack>.yaml and policy.json)

exit codes: 0 no mandatory violation, 1 mandatory violations, 2 bad usage or bad config, 3 failure`;

/** The command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        out: { type: "string" },
        json: { type: "boolean" },
        "policy-config": { type: "string" },
        "stack-file": { type: "string" },
        "no-policy": { type: "boolean" },
        "policy-pack": { type: "string" },
        cost: { type: "boolean" },
        project: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
    }).values;
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (!args.stack) {
    process.stderr.write(`error: --stack is required\n${USAGE}\n`);
    return 2;
  }
  const progress = (m: string) => process.stderr.write(`[plan] ${m}\n`);
  try {
    const { document: doc, remediations } = await plan({
      stack: args.stack,
      stackFile: args["stack-file"],
      policyConfig: args["policy-config"],
      noPolicy: args["no-policy"],
      policyPack: args["policy-pack"],
      cost: args.cost,
      projectDir: args.project,
      progress,
    });
    const defaultOut = args.project
      ? path.join(ROOT, "plan", path.basename(path.resolve(args.project)))
      : path.join(ROOT, "plan");
    const files = writeReports(doc, path.resolve(args.out ?? defaultOut), remediations);
    if (args.json) process.stdout.write(JSON.stringify(doc, null, 2) + "\n");
    else
      process.stdout.write(
        renderText(
          doc,
          files.map((f) => (path.relative(process.cwd(), f).startsWith("..") ? f : path.relative(process.cwd(), f))),
        ),
      );
    return doc.summary.mandatory > 0 || doc.summary.flowsFailing > 0 ? 1 : 0;
  } catch (e) {
    const { ConfigError } = require("../infra/config") as typeof import("../infra/config");
    const { PolicyConfigError } = require("./policy-runner") as typeof import("./policy-runner");
    if (e instanceof ConfigError || e instanceof PolicyConfigError || e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    const { StackFileError } = require("./harness") as typeof import("./harness");
    const err = e as Error;
    if (err instanceof StackFileError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`plan failed: ${err.stack ?? err}\n`);
    return 3;
  }
}

if (require.main === module) {
  // process.exit: the Pulumi runtime may keep handles open after the run. Exit only once stdout is
  // drained: writes to a pipe are asynchronous, and exiting earlier truncates a large --json document.
  main(process.argv.slice(2)).then(
    (code) => process.stdout.write("", () => process.exit(code)),
    (e) => {
      process.stderr.write(`plan failed: ${(e as Error).stack ?? e}\n`);
      process.exit(3);
    },
  );
}
