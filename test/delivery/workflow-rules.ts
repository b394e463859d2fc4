/**
 * The rules every GitHub Actions file in this repository keeps, as functions over parsed files so
 * that each rule can be shown to fail on a planted bad copy. Generic over every file in
 * .github/workflows and every local action in .github/actions: a new workflow is held to the same
 * rules without a change here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

import { ROOT } from "../../tools/root";

export { ROOT };

/* eslint-disable @typescript-eslint/no-explicit-any -- workflow YAML is untyped by nature */
export interface ActionsFile {
  /** Path relative to the repository root. */
  file: string;
  kind: "workflow" | "action";
  text: string;
  doc: any;
}

export function loadActionsFiles(root = ROOT): ActionsFile[] {
  const out: ActionsFile[] = [];
  const wf = path.join(root, ".github", "workflows");
  for (const f of fs.existsSync(wf) ? fs.readdirSync(wf).sort() : []) {
    if (!/\.ya?ml$/.test(f)) continue;
    const file = path.join(".github", "workflows", f);
    const text = fs.readFileSync(path.join(root, file), "utf8");
    out.push({ file, kind: "workflow", text, doc: yaml.load(text) });
  }
  const actions = path.join(root, ".github", "actions");
  for (const d of fs.existsSync(actions) ? fs.readdirSync(actions).sort() : []) {
    for (const name of ["action.yml", "action.yaml"]) {
      const file = path.join(".github", "actions", d, name);
      if (!fs.existsSync(path.join(root, file))) continue;
      const text = fs.readFileSync(path.join(root, file), "utf8");
      out.push({ file, kind: "action", text, doc: yaml.load(text) });
    }
  }
  return out;
}

/** A file parsed from text (planted cases). */
export function fromText(file: string, text: string, kind: ActionsFile["kind"] = "workflow"): ActionsFile {
  return { file, kind, text, doc: yaml.load(text) };
}

export interface Step {
  file: string;
  job: string | null;
  step: any;
}

export function jobsOf(f: ActionsFile): [string, any][] {
  return f.kind === "workflow" ? Object.entries(f.doc?.jobs ?? {}) : [];
}

export function stepsOf(f: ActionsFile): Step[] {
  if (f.kind === "action") return (f.doc?.runs?.steps ?? []).map((step: any) => ({ file: f.file, job: null, step }));
  return jobsOf(f).flatMap(([job, j]) => (j.steps ?? []).map((step: any) => ({ file: f.file, job, step })));
}

/** The triggers of a workflow as a list of event names. */
export function triggers(f: ActionsFile): string[] {
  const on = f.doc?.on ?? f.doc?.true; // js-yaml reads a bare `on` key as a string; YAML 1.1 would read `true`
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on;
  return Object.keys(on ?? {});
}

const SHA_PIN = /^([\w.-]+\/[\w.-]+)(\/[\w./-]+)?@([0-9a-f]{40})$/;

/** Every third-party action is pinned to a full commit SHA, with its version in a comment. */
export function checkPins(files: ActionsFile[]): string[] {
  const errors: string[] = [];
  for (const f of files) {
    f.text.split("\n").forEach((line, i) => {
      const m = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"\s#]+)\1\s*(#\s*(\S+))?/.exec(line);
      if (!m) return;
      const ref = m[2];
      if (ref.startsWith("./")) return; // local action or reusable workflow of this repository
      if (ref.startsWith("docker://")) {
        if (!/@sha256:[0-9a-f]{64}$/.test(ref)) errors.push(`${f.file}:${i + 1}: ${ref} is not pinned to a digest`);
        return;
      }
      if (!SHA_PIN.test(ref)) errors.push(`${f.file}:${i + 1}: ${ref} is not pinned to a full commit SHA`);
      else if (!m[4] || !/^v?\d+\.\d+\.\d+$/.test(m[4]))
        errors.push(`${f.file}:${i + 1}: ${ref} has no "# vX.Y.Z" version comment`);
    });
    // Container images handed to actions (e.g. ZAP's docker_name) are pinned to a version too; an
    // image the workflow itself just pushed is addressed by that push's digest output.
    for (const { step } of stepsOf(f)) {
      for (const [k, v] of Object.entries(step.with ?? {})) {
        if (!/docker|image/i.test(k) || typeof v !== "string") continue;
        if (
          !/:[\w.-]*\d[\w.-]*$|@sha256:[0-9a-f]{64}$|@\$\{\{ steps\.[\w-]+\.outputs\.digest \}\}$/.test(v) ||
          /:(latest|stable|weekly|live|bare)$/.test(v)
        )
          errors.push(`${f.file}: ${k}: ${v} is not pinned to a version`);
      }
    }
  }
  return errors;
}

function permissionEntries(p: unknown): Record<string, string> {
  if (p === undefined || p === null) return {};
  if (typeof p === "string") return { "*": p };
  return p as Record<string, string>;
}

/** True when a job assumes an AWS role (directly, through the setup action, or by calling a workflow that does). */
export function assumesRole(job: any, files: ActionsFile[]): boolean {
  if (typeof job.uses === "string" && job.uses.startsWith("./")) {
    const called = files.find((f) => f.file === path.normalize(job.uses.slice(2)));
    return !!called && jobsOf(called).some(([, j]) => assumesRole(j, files));
  }
  return (job.steps ?? []).some(
    (s: any) =>
      typeof s.uses === "string" &&
      (s.uses.startsWith("aws-actions/configure-aws-credentials@") ||
        (s.uses === "./.github/actions/setup" && s.with?.codeartifact !== undefined)),
  );
}

/**
 * Least privilege: the workflow grants nothing by default (`permissions: {}`), every job states its
 * own permissions, never `write-all`, and `id-token: write` only where the job assumes a role.
 */
export function checkPermissions(files: ActionsFile[]): string[] {
  const errors: string[] = [];
  for (const f of files.filter((x) => x.kind === "workflow")) {
    const top = f.doc.permissions;
    if (!top || typeof top !== "object" || Object.keys(top).length > 0)
      errors.push(`${f.file}: top-level permissions must be {} (each job states what it needs)`);
    for (const [name, job] of jobsOf(f)) {
      if (job.permissions === undefined) {
        errors.push(`${f.file}: job ${name} has no permissions block`);
        continue;
      }
      const perms = permissionEntries(job.permissions);
      if (perms["*"] !== undefined) errors.push(`${f.file}: job ${name} uses permissions "${perms["*"]}"`);
      if (perms["id-token"] === "write" && !assumesRole(job, files))
        errors.push(`${f.file}: job ${name} has id-token: write but assumes no role`);
      if (perms["id-token"] !== "write" && assumesRole(job, files))
        errors.push(`${f.file}: job ${name} assumes a role without id-token: write`);
    }
  }
  return errors;
}

/**
 * No `pull_request_target` (it runs with a write token and secrets on a fork's code), and no
 * `${{ }}` expression inside a shell `run:` or a github-script `script:`: values go through `env:`,
 * so nothing a pull request controls is ever spliced into code.
 */
export function checkUntrustedInput(files: ActionsFile[]): string[] {
  const errors: string[] = [];
  for (const f of files) {
    if (f.kind === "workflow" && triggers(f).includes("pull_request_target"))
      errors.push(`${f.file}: pull_request_target is not allowed`);
    for (const { job, step } of stepsOf(f)) {
      const code = [step.run, step.with?.script].filter((x) => typeof x === "string") as string[];
      for (const c of code)
        if (c.includes("${{"))
          errors.push(
            `${f.file}: ${job ?? "action"} step "${step.name ?? step.id ?? step.uses ?? "run"}" interpolates an expression into code; pass it through env`,
          );
    }
  }
  return errors;
}

const PULUMI_ACTION = /^pulumi\/actions@/;

export interface PulumiStep extends Step {
  command: string;
  stack: string;
  jobDef: any;
  workflow: ActionsFile;
}

export function pulumiSteps(files: ActionsFile[]): PulumiStep[] {
  const out: PulumiStep[] = [];
  for (const f of files.filter((x) => x.kind === "workflow"))
    for (const [job, j] of jobsOf(f))
      for (const step of j.steps ?? [])
        if (typeof step.uses === "string" && PULUMI_ACTION.test(step.uses))
          out.push({
            file: f.file,
            job,
            step,
            command: step.with?.command,
            stack: String(step.with?.["stack-name"]),
            jobDef: j,
            workflow: f,
          });
  return out;
}

/** The policy pack and that stack's own pack config: `stacks/<stack>.policy.json` with the same stack expression. */
function usesPackFor(step: any, stack: string): boolean {
  return step.with?.policyPacks === "policy-pack" && step.with?.policyPackConfigs === `stacks/${stack}.policy.json`;
}

/**
 * Pull requests preview every stack with the pack and the stack's pack config, and nothing hides a
 * failure; every `up` enforces the pack too.
 */
export function checkPreview(files: ActionsFile[], stacks: readonly string[]): string[] {
  const errors: string[] = [];
  const steps = pulumiSteps(files);
  const prPreviews = steps.filter((s) => s.command === "preview" && triggers(s.workflow).includes("pull_request"));
  if (prPreviews.length === 0) errors.push("no pull_request workflow runs pulumi preview");
  for (const s of steps.filter((x) => x.command === "up" || prPreviews.includes(x))) {
    if (!usesPackFor(s.step, s.stack))
      errors.push(
        `${s.file}: job ${s.job} runs ${s.command} of ${s.stack} without policyPacks: policy-pack and policyPackConfigs: stacks/${s.stack}.policy.json`,
      );
    const before = (s.jobDef.steps as { run?: string }[]).slice(0, (s.jobDef.steps as unknown[]).indexOf(s.step));
    if (!before.some((b) => /npm run build (-w|--workspace) policy-pack/.test(b.run ?? "")))
      errors.push(`${s.file}: job ${s.job} runs ${s.command} before building the pack (npm run build -w policy-pack)`);
    if (s.step["continue-on-error"] || s.step.with?.["continue-on-error"])
      errors.push(`${s.file}: job ${s.job}: ${s.command} must fail the job on a mandatory violation (no continue-on-error)`);
  }
  for (const s of prPreviews) {
    const m = /^\$\{\{\s*matrix\.(\w+)\s*\}\}$/.exec(s.stack);
    const covered: string[] = m ? (s.jobDef.strategy?.matrix?.[m[1]] ?? []) : [s.stack];
    for (const stack of stacks)
      if (!covered.includes(stack)) errors.push(`${s.file}: job ${s.job} does not preview stack ${stack}`);
    if (s.step.with?.["comment-on-pr"] !== true || s.step.with?.["edit-pr-comment"] === false)
      errors.push(`${s.file}: job ${s.job} must post the preview as a PR comment that is edited, not repeated`);
  }
  return errors;
}

/**
 * Every `up` runs in the GitHub environment named after its stack (the deploy role trusts only that
 * environment, whose reviewers gate prod), in a concurrency group of its own stack that never
 * cancels a running update.
 */
export function checkUp(files: ActionsFile[]): string[] {
  const errors: string[] = [];
  const ups = pulumiSteps(files).filter((s) => s.command === "up");
  if (ups.length === 0) errors.push("no workflow runs pulumi up");
  for (const s of ups) {
    const env = typeof s.jobDef.environment === "string" ? s.jobDef.environment : s.jobDef.environment?.name;
    if (env !== s.stack)
      errors.push(`${s.file}: job ${s.job} runs up of ${s.stack} outside the environment ${s.stack} (found ${env})`);
    const c = s.jobDef.concurrency;
    const group = typeof c === "string" ? c : c?.group;
    if (typeof group !== "string" || !group.includes(s.stack))
      errors.push(`${s.file}: job ${s.job} has no concurrency group per stack (group must contain ${s.stack})`);
    if (typeof c !== "object" || c["cancel-in-progress"] !== false)
      errors.push(`${s.file}: job ${s.job} must set cancel-in-progress: false (never cancel a running up)`);
    const wc = s.workflow.doc.concurrency;
    if (wc && typeof wc === "object" && wc["cancel-in-progress"] !== false)
      errors.push(`${s.file}: workflow-level concurrency may cancel a running up`);
  }
  return errors;
}

/** The stack each job of a workflow deploys: a job calling a reusable workflow that runs `up`, with `with.stack`. */
export function deployJobs(f: ActionsFile, files: ActionsFile[]): Map<string, string> {
  const out = new Map<string, string>();
  const upFiles = new Set(
    pulumiSteps(files)
      .filter((s) => s.command === "up")
      .map((s) => s.file),
  );
  for (const [name, job] of jobsOf(f)) {
    if (typeof job.uses === "string" && upFiles.has(path.normalize(job.uses.replace(/^\.\//, ""))))
      out.set(name, job.with?.stack);
    else if ((job.steps ?? []).some((st: any) => PULUMI_ACTION.test(st.uses ?? "") && st.with?.command === "up"))
      out.set(name, (job.steps as any[]).find((st) => PULUMI_ACTION.test(st.uses ?? ""))?.with?.["stack-name"]);
  }
  return out;
}

function needsOf(job: any): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** True when job `a` runs only after job `b` (transitively through needs). */
export function dependsOn(f: ActionsFile, a: string, b: string, seen = new Set<string>()): boolean {
  const job = f.doc.jobs?.[a];
  if (!job || seen.has(a)) return false;
  seen.add(a);
  return needsOf(job).some((n) => n === b || dependsOn(f, n, b, seen));
}

/** Deploys promote in order: each stack's up waits for the previous stack's (dev -> staging -> prod). */
export function checkPromotion(files: ActionsFile[], order: readonly string[]): string[] {
  const errors: string[] = [];
  const deployers = files.filter((f) => f.kind === "workflow" && triggers(f).includes("push"));
  const withUps = deployers.map((f) => ({ f, jobs: deployJobs(f, files) })).filter((x) => x.jobs.size > 0);
  if (withUps.length === 0) errors.push("no push workflow deploys a stack");
  for (const { f, jobs } of withUps) {
    const byStack = new Map([...jobs].map(([job, stack]) => [stack, job]));
    for (const stack of order) if (!byStack.has(stack)) errors.push(`${f.file}: no job deploys ${stack}`);
    for (let i = 1; i < order.length; i++) {
      const later = byStack.get(order[i]);
      const earlier = byStack.get(order[i - 1]);
      if (later && earlier && !dependsOn(f, later, earlier))
        errors.push(`${f.file}: ${order[i]} (job ${later}) does not wait for ${order[i - 1]} (job ${earlier})`);
    }
  }
  return errors;
}

/**
 * The status-check names GitHub reports for a workflow's jobs: `name` or the job id, and for a
 * one-dimensional matrix `<name> (<value>)` per value (GitHub's default naming).
 */
export function checkNames(f: ActionsFile): string[] {
  const out: string[] = [];
  for (const [id, job] of jobsOf(f)) {
    const matrix = job.strategy?.matrix;
    const dims = matrix ? Object.entries(matrix).filter(([k]) => k !== "include" && k !== "exclude") : [];
    const base: string = job.name ?? id;
    if (dims.length === 0) out.push(base);
    else if (dims.length === 1 && Array.isArray(dims[0][1])) {
      const [key, values] = dims[0] as [string, string[]];
      for (const v of values)
        out.push(base.includes("${{") ? base.replace(new RegExp(`\\$\\{\\{\\s*matrix\\.${key}\\s*\\}\\}`), v) : `${base} (${v})`);
    } else throw new Error(`${f.file}: job ${id}: only one-dimensional matrices are supported for check names`);
  }
  return out;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Caching: npm's cache keyed on both lockfiles (the program's and the pack's) wherever Node is set
 * up, and Pulumi's plugin cache in every job that runs the Pulumi action.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- workflow YAML is untyped by nature */
export function checkCaching(files: ActionsFile[]): string[] {
  const errors: string[] = [];
  for (const { file, job, step } of files.flatMap(stepsOf)) {
    if (typeof step.uses !== "string" || !step.uses.startsWith("actions/setup-node@")) continue;
    const paths = String(step.with?.["cache-dependency-path"] ?? "")
      .split("\n")
      .map((s) => s.trim());
    if (step.with?.cache !== "npm" || !paths.includes("package-lock.json") || !paths.includes("policy-pack/package-lock.json"))
      errors.push(
        `${file}: ${job ?? "action"}: setup-node must cache npm keyed on package-lock.json and policy-pack/package-lock.json`,
      );
  }
  for (const f of files.filter((x) => x.kind === "workflow"))
    for (const [name, job] of jobsOf(f)) {
      const steps: any[] = job.steps ?? [];
      if (!steps.some((s) => PULUMI_ACTION.test(s.uses ?? ""))) continue;
      if (
        !steps.some((s) => String(s.uses ?? "").startsWith("actions/cache@") && String(s.with?.path).includes(".pulumi/plugins"))
      )
        errors.push(`${f.file}: job ${name} runs Pulumi without caching ~/.pulumi/plugins`);
    }
  return errors;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
