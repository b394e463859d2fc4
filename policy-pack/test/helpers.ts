/**
 * Runs pack policies through @pulumi/policy's own analyzer entry points, as at `pulumi preview`:
 * the request is the protobuf message the engine sends (properties as a `Struct`, unknown values
 * as the engine's sentinels, resource options with `protect`), and it is handed to the server's
 * `makeAnalyzeRpcFun` / `makeAnalyzeStackRpcFun` / `makeRemediateRpcFun` - the same functions
 * `serve` registers on the gRPC service. So deserialisation, the unknown-checking proxy,
 * `notApplicable`, enforcement levels and the "can't run during preview" advisory are the
 * server's code, not a re-implementation.
 *
 * The one thing not reachable without serving is the module-private pack config set by the
 * `configure` RPC; a test passing `config` gets a copy of the policy whose `getConfig()` returns
 * it (what the server's `getConfig` returns after `configure`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import type { EnforcementLevel, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import type { PackPolicy, PackResourcePolicy, PackStackPolicy } from "../lib/policy";
import { UNKNOWN_STRING } from "../lib/props";

const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(v: Record<string, unknown>): unknown };
};

type RpcFun = (call: { request: unknown }, cb: (err: unknown, resp: unknown) => void) => void;
// @pulumi/policy marks these @internal (no typings); they are what `serve` registers.
const server = require("@pulumi/policy/server") as {
  makeAnalyzeRpcFun(pack: string, version: string, level: EnforcementLevel, policies: unknown[]): RpcFun;
  makeAnalyzeStackRpcFun(pack: string, version: string, level: EnforcementLevel, policies: unknown[]): RpcFun;
  makeRemediateRpcFun(pack: string, version: string, level: EnforcementLevel, policies: unknown[]): RpcFun;
};

export const PACK = "b2b-commerce-policies";
export const VERSION = "0.1.0";

export interface Diagnostic {
  policyName: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  urn?: string;
}

export interface Result {
  diagnostics: Diagnostic[];
  notApplicable: string[];
  /** Messages of mandatory/advisory violations excluding the preview "can't run" advisories. */
  violations: string[];
  /** True when the policy could not decide at preview (the server's advisory). */
  cannotRunAtPreview: boolean;
}

export interface ResourceInput {
  type: string;
  props: Record<string, unknown>;
  name?: string;
  urn?: string;
  protect?: boolean;
  parent?: string;
  /** Per property, the URNs its value came from (the engine's property dependencies). */
  propertyDependencies?: Record<string, string[]>;
  /** Resource dependencies (default: the union of the property dependencies). */
  dependencies?: string[];
}

const LEVELS: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

/** Properties as the engine sends them: JSON values only (absent, never undefined). */
function toStruct(props: Record<string, unknown>): never {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(props)) as Record<string, unknown>) as never;
}

function options(r: ResourceInput) {
  const o = new analyzerpb.AnalyzerResourceOptions();
  o.setProtect(r.protect ?? false);
  if (r.parent) o.setParent(r.parent);
  return o;
}

function urnOf(r: ResourceInput): string {
  const name = r.name ?? "fixture";
  return r.urn ?? `urn:pulumi:test::b2b-commerce::${r.type}::${name}`;
}

/** The policy as the server would see it after `configure` set this config (and level). */
function configured(policy: PackPolicy, config?: Record<string, unknown>, level?: EnforcementLevel): PackPolicy {
  const p: PackPolicy = { ...policy, enforcementLevel: level ?? policy.enforcementLevel };
  if (!config) return p;
  const withConfig = <A extends { getConfig: unknown }>(args: A): A => ({ ...args, getConfig: () => config });
  if ("validateStack" in policy) {
    (p as PackStackPolicy).validateStack = (args: StackValidationArgs, rv: ReportViolation) =>
      (policy as PackStackPolicy).validateStack(withConfig(args), rv);
  } else {
    const rp = policy as PackResourcePolicy;
    const inner = rp.validateResource as (args: ResourceValidationArgs, rv: ReportViolation) => Promise<void> | void;
    const wrapped = (args: ResourceValidationArgs, rv: ReportViolation) => inner(withConfig(args), rv);
    Object.assign(wrapped, { __pulumiType: (inner as { __pulumiType?: string }).__pulumiType });
    (p as PackResourcePolicy).validateResource = wrapped;
  }
  return p;
}

export function call(fn: RpcFun, request: unknown): Promise<analyzerpb.AnalyzeResponse> {
  return new Promise((resolve, reject) =>
    fn({ request }, (err, resp) => (err ? reject(err) : resolve(resp as analyzerpb.AnalyzeResponse))),
  );
}

export function decode(resp: analyzerpb.AnalyzeResponse): Result {
  const diagnostics = resp.getDiagnosticsList().map((d) => ({
    policyName: d.getPolicyname(),
    message: d.getMessage(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()],
    urn: d.getUrn() || undefined,
  }));
  const preview = diagnostics.filter((d) => d.message.includes("during preview"));
  return {
    diagnostics,
    notApplicable: resp.getNotApplicableList().map((n) => n.getPolicyName()),
    violations: diagnostics.filter((d) => !preview.includes(d)).map((d) => d.message),
    cannotRunAtPreview: preview.length > 0,
  };
}

export interface RunOptions {
  config?: Record<string, unknown>;
  level?: EnforcementLevel;
}

/*
 * The messages are the user-facing contract: every diagnostic a pack test sees (violations and
 * preview advisories, with policy name and level) is compared with the golden file of its test
 * file, test/messages/<file>.json, keyed by the test's full title and the call's number within
 * the test (calls without diagnostics are not stored: absent means none). `UPDATE_MESSAGES=1 npm
 * test -w policy-pack` rewrites the files; when a run covers every test, an entry no test produced
 * fails the run (stale), and so does one a test that ran no longer produced.
 */
const MESSAGES_DIR = path.join(__dirname, "messages");
const UPDATE_MESSAGES = process.env.UPDATE_MESSAGES === "1";
type Golden = Record<string, string[]>;
const golden = new Map<string, Golden>();
/** Per golden file: the entries produced in this run. */
const produced = new Map<string, Golden>();
/** Per golden file: the keys the tests that ran were compared with. */
const visited = new Map<string, Set<string>>();
/** Per golden file: the titles of the tests that ran. */
const ranTitles = new Map<string, Set<string>>();
let current: { file: string; title: string; calls: number } | undefined;

function goldenOf(file: string): Golden {
  let g = golden.get(file);
  if (!g) {
    const f = path.join(MESSAGES_DIR, file);
    g = fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, "utf8")) as Golden) : {};
    golden.set(file, g);
  }
  return g;
}

function setDefault<K, V>(m: Map<K, V>, k: K, v: () => V): V {
  if (!m.has(k)) m.set(k, v());
  return m.get(k) as V;
}

/** Compares one analysis's diagnostics with the golden file (or records them with UPDATE_MESSAGES=1). */
function checkMessages(r: Result): void {
  if (!current) return;
  const key = `${current.title} #${current.calls++}`;
  const got = r.diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName}: ${d.message}`);
  setDefault(visited, current.file, () => new Set<string>()).add(key);
  if (got.length > 0) setDefault(produced, current.file, (): Golden => ({}))[key] = got;
  if (UPDATE_MESSAGES) return;
  const expected = goldenOf(current.file)[key] ?? [];
  if (JSON.stringify(got) !== JSON.stringify(expected))
    throw new Error(
      `messages of "${key}" differ from test/messages/${current.file} (UPDATE_MESSAGES=1 rewrites it when the change is intended):\n` +
        `  expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(got)}`,
    );
}

/** The golden file of a test, when it is one of this folder's test files. */
function goldenFileOf(t: Mocha.Runnable): string | undefined {
  if (!t.file || path.dirname(path.resolve(t.file)) !== __dirname) return undefined;
  return path.basename(t.file).replace(/\.test\.ts$/, ".json");
}

/** Per golden file, whether every test of its test file that is not pending ran. */
function loadedFiles(suite: Mocha.Suite, ran: Set<Mocha.Runnable>, out = new Map<string, boolean>()): Map<string, boolean> {
  for (const t of suite.tests) {
    const file = goldenFileOf(t);
    if (file) out.set(file, (out.get(file) ?? true) && (t.isPending() || ran.has(t)));
  }
  for (const s of suite.suites) loadedFiles(s, ran, out);
  return out;
}

// Registered once, as root hooks, only when loaded by mocha (tools/readme.ts imports this file too).
if (typeof before === "function" && typeof beforeEach === "function" && typeof after === "function") {
  const ran = new Set<Mocha.Runnable>();
  const seenTitles = new Map<string, number>();
  // A runner may run the same loaded suites several times (StrykerJS does): each run starts afresh.
  before(() => {
    ran.clear();
    for (const m of [seenTitles, produced, visited, ranTitles]) m.clear();
  });
  beforeEach(function () {
    const t = this.currentTest;
    const file = t && goldenFileOf(t);
    if (!t || !file) return (current = undefined);
    ran.add(t);
    const base = t.fullTitle();
    const n = (seenTitles.get(`${file} ${base}`) ?? 0) + 1;
    seenTitles.set(`${file} ${base}`, n);
    const title = n === 1 ? base : `${base} (${n})`;
    setDefault(ranTitles, file, () => new Set<string>()).add(title);
    current = { file, title, calls: 0 };
  });
  after(function () {
    current = undefined;
    let root = this.test?.parent as Mocha.Suite;
    while (root.parent) root = root.parent;
    const complete = loadedFiles(root, ran);
    const titleOf = (key: string) => key.replace(/ #\d+$/, "");
    // Golden files of deleted test files are stale whenever any test of this folder ran.
    const orphans = fs.existsSync(MESSAGES_DIR)
      ? fs.readdirSync(MESSAGES_DIR).filter((f) => !fs.existsSync(path.join(__dirname, f.replace(/\.json$/, ".test.ts"))))
      : [];
    if (UPDATE_MESSAGES) {
      fs.mkdirSync(MESSAGES_DIR, { recursive: true });
      for (const f of orphans) fs.rmSync(path.join(MESSAGES_DIR, f));
      for (const file of ranTitles.keys()) {
        const ranHere = ranTitles.get(file) ?? new Set();
        const kept = complete.get(file)
          ? {}
          : Object.fromEntries(Object.entries(goldenOf(file)).filter(([k]) => !ranHere.has(titleOf(k))));
        const next: Golden = { ...kept, ...(produced.get(file) ?? {}) };
        const keys = Object.keys(next).sort();
        const target = path.join(MESSAGES_DIR, file);
        if (keys.length === 0) fs.rmSync(target, { force: true });
        else fs.writeFileSync(target, JSON.stringify(Object.fromEntries(keys.map((k) => [k, next[k]])), null, 2) + "\n");
      }
      return;
    }
    const stale = ranTitles.size > 0 ? orphans.map((f) => `${f} (its test file is gone)`) : [];
    for (const [file, ranHere] of ranTitles) {
      const seen = visited.get(file) ?? new Set();
      for (const key of Object.keys(goldenOf(file)))
        if ((complete.get(file) || ranHere.has(titleOf(key))) && !seen.has(key)) stale.push(`${file}: ${key}`);
    }
    if (stale.length > 0)
      throw new Error(
        `test/messages holds entries no test produced (UPDATE_MESSAGES=1 rewrites it):\n  ${stale.slice(0, 20).join("\n  ")}`,
      );
  });
}

/** Analyzes one resource with one policy, exactly as the `analyze` RPC does. */
export function analyze(policy: PackPolicy, r: ResourceInput, o: RunOptions = {}): Promise<Result> {
  return analyzeWith([configured(policy, o.config, o.level)], r);
}

/** Analyzes one resource with a list of (configured) policies: one `analyze` RPC. */
export async function analyzeWith(policies: PackPolicy[], r: ResourceInput): Promise<Result> {
  const req = analyzeRequest(r);
  const fn = server.makeAnalyzeRpcFun(PACK, VERSION, "mandatory", policies);
  const result = decode(await call(fn, req));
  checkMessages(result);
  return result;
}

/** Analyzes a whole stack with one policy, exactly as the `analyzeStack` RPC does. */
export function analyzeStack(policy: PackPolicy, resources: ResourceInput[], o: RunOptions = {}): Promise<Result> {
  return analyzeStackWith([configured(policy, o.config, o.level)], resources);
}

/** Analyzes a whole stack with a list of (configured) policies: one `analyzeStack` RPC. */
export async function analyzeStackWith(policies: PackPolicy[], resources: ResourceInput[]): Promise<Result> {
  const req = new analyzerpb.AnalyzeStackRequest();
  req.setResourcesList(
    resources.map((r) => {
      const ar = new analyzerpb.AnalyzerResource();
      ar.setType(r.type);
      ar.setName(r.name ?? "fixture");
      ar.setUrn(urnOf(r));
      ar.setProperties(toStruct(r.props));
      ar.setOptions(options(r));
      if (r.parent) ar.setParent(r.parent);
      const deps = r.propertyDependencies ?? {};
      ar.setDependenciesList(r.dependencies ?? [...new Set(Object.values(deps).flat())]);
      for (const [k, urns] of Object.entries(deps)) {
        const pd = new analyzerpb.AnalyzerPropertyDependencies();
        pd.setUrnsList(urns);
        ar.getPropertydependenciesMap().set(k, pd);
      }
      return ar;
    }),
  );
  const fn = server.makeAnalyzeStackRpcFun(PACK, VERSION, "mandatory", policies);
  const result = decode(await call(fn, req));
  checkMessages(result);
  return result;
}

/** A `--policy-pack-config` file: per policy a level, or an object with `enforcementLevel` and properties. */
export type PackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

/** The pack's policies as the server sees them after `configure` with a `--policy-pack-config` file. */
export function configurePack(policies: PackPolicy[], config: PackConfig): PackPolicy[] {
  return policies.map((p) => {
    const c = config[p.name];
    if (c === undefined) return p;
    if (typeof c === "string") return configured(p, undefined, c);
    const { enforcementLevel, ...props } = c;
    return configured(p, props, enforcementLevel);
  });
}

/** Runs a policy's remediation at level `remediate`, as the `remediate` RPC does; returns the new properties. */
export async function remediate(policy: PackPolicy, r: ResourceInput): Promise<Record<string, unknown> | undefined> {
  const req = new analyzerpb.AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name ?? "fixture");
  req.setUrn(urnOf(r));
  req.setProperties(toStruct(r.props));
  req.setOptions(options(r));
  const fn = server.makeRemediateRpcFun(PACK, VERSION, "mandatory", [configured(policy, undefined, "remediate")]);
  const resp = await new Promise<analyzerpb.RemediateResponse>((resolve, reject) =>
    fn({ request: req }, (err, res) => (err ? reject(err) : resolve(res as analyzerpb.RemediateResponse))),
  );
  const rem = resp.getRemediationsList()[0];
  return rem?.getProperties()?.toJavaScript() as Record<string, unknown> | undefined;
}

/** Deep copy of a fixture with one change applied (fixtures start compliant, mutate one thing). */
export function mutate<T>(base: T, change: (copy: T) => void): T {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Props = Record<string, any>;

export interface Case {
  /** What is wrong, in plain words. */
  name: string;
  change: (p: Props) => void;
  /** A part of the expected message. */
  expect: string | RegExp;
  config?: Record<string, unknown>;
}

export interface PolicyFixture {
  policy: PackPolicy;
  type: string;
  compliant: Props;
  /** Further compliant variants (e.g. another type or an allowed exception). */
  alsoCompliant?: { name: string; type?: string; change: (p: Props) => void; config?: Record<string, unknown> }[];
  violations: Case[];
  /**
   * Property paths (`a.b.0.c`) the policy reads: each is set to the engine's unknown sentinel in
   * the compliant fixture, and the policy must then say it cannot decide at preview (the server's
   * advisory) instead of passing or reporting a false violation.
   */
  unknown?: string[];
  /** Config for every case that does not set its own (default: the policy's defaults). */
  config?: Record<string, unknown>;
  /** A type the policy does not apply to (default aws:sqs/queue:Queue). */
  otherType?: string;
  protect?: boolean;
}

/** Sets `a.b.0.c` in a copy, creating objects on the way. */
export function withValue<T>(base: T, at: string, value: unknown): T {
  return mutate(base, (copy) => {
    const keys = at.split(".");
    let cur = copy as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) {
      if (typeof cur[k] !== "object" || cur[k] === null) cur[k] = {};
      cur = cur[k] as Record<string, unknown>;
    }
    cur[keys[keys.length - 1]] = value;
  });
}

/**
 * The standard spec of one resource policy: the compliant fixture passes, each one-property
 * mutation is reported (mandatory, with the expected message part), and another type is "not
 * applicable".
 */
export function describePolicy(f: PolicyFixture): void {
  fixtureResources.push({ type: f.type, props: f.compliant, protect: f.protect });
  for (const c of f.violations.slice(0, 1))
    fixtureResources.push({ type: f.type, props: mutate(f.compliant, c.change), protect: f.protect });
  cover(f.policy.name, 1 + (f.alsoCompliant?.length ?? 0), f.violations.length, f.unknown?.length ?? 0);
  describe(f.policy.name, () => {
    it("passes the compliant fixture", async () => {
      const r = await analyze(f.policy, { type: f.type, props: f.compliant, protect: f.protect }, { config: f.config });
      assertEqual(r.diagnostics, [], "diagnostics of the compliant fixture");
    });
    for (const alt of f.alsoCompliant ?? []) {
      it(`passes: ${alt.name}`, async () => {
        const r = await analyze(
          f.policy,
          { type: alt.type ?? f.type, props: mutate(f.compliant, alt.change) },
          { config: alt.config ?? f.config },
        );
        assertEqual(r.diagnostics, [], `diagnostics of "${alt.name}"`);
      });
    }
    for (const c of f.violations) {
      it(`reports: ${c.name}`, async () => {
        const r = await analyze(
          f.policy,
          { type: f.type, props: mutate(f.compliant, c.change), protect: f.protect },
          { config: c.config ?? f.config },
        );
        if (r.violations.length === 0) throw new Error(`expected a violation, got ${JSON.stringify(r.diagnostics)}`);
        const hit = r.diagnostics.find((d) =>
          typeof c.expect === "string" ? d.message.includes(c.expect) : c.expect.test(d.message),
        );
        if (!hit) throw new Error(`no message matching ${String(c.expect)} in ${JSON.stringify(r.violations)}`);
        assertEqual(hit.policyName, f.policy.name, "policy name");
        assertEqual(hit.enforcementLevel, f.policy.enforcementLevel ?? "mandatory", "enforcement level");
      });
    }
    for (const at of f.unknown ?? []) {
      it(`cannot decide at preview when ${at} is unknown`, async () => {
        const r = await analyze(
          f.policy,
          { type: f.type, props: withValue(f.compliant, at, UNKNOWN_STRING), protect: f.protect },
          { config: f.config },
        );
        assertEqual(r.violations, [], `violations with ${at} unknown`);
        assertEqual(r.cannotRunAtPreview, true, `preview advisory with ${at} unknown`);
      });
    }
    it("is not applicable to other resource types", async () => {
      const r = await analyze(f.policy, { type: f.otherType ?? "aws:sqs/queue:Queue", props: {} });
      assertEqual(r.notApplicable, [f.policy.name], "not applicable");
    });
  });
}

export function assertEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Compliant and violating fixture resources of every describePolicy (filled while test files load). */
export const fixtureResources: ResourceInput[] = [];

/** The AnalyzeRequest the engine sends for one resource. */
export function analyzeRequest(r: ResourceInput): analyzerpb.AnalyzeRequest {
  const req = new analyzerpb.AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name ?? "fixture");
  req.setUrn(urnOf(r));
  req.setProperties(toStruct(r.props));
  req.setOptions(options(r));
  return req;
}

/** Fixtures declared per policy name (filled while test files load, read by meta.test.ts). */
export const coverage = new Map<string, { compliant: number; violating: number; unknown: number }>();

/** Records that a policy has `compliant` passing, `violating` failing and `unknown` preview fixtures. */
export function cover(name: string, compliant: number, violating: number, unknown = 0): void {
  const c = coverage.get(name) ?? { compliant: 0, violating: 0, unknown: 0 };
  coverage.set(name, {
    compliant: c.compliant + compliant,
    violating: c.violating + violating,
    unknown: c.unknown + unknown,
  });
}
