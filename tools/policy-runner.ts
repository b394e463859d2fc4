/**
 * Runs the CrossGuard policy pack the way the Pulumi CLI does at `pulumi preview --policy-pack`,
 * and speaks the analyzer protocol to it. Used by the offline plan (tools/plan.ts) and the pack's
 * end-to-end protocol test.
 *
 * How the CLI does it (pulumi/pulumi sdk/go/common/resource/plugin/analyzer_plugin.go,
 * NewPolicyAnalyzer, read 2026-11 with the code search tool):
 *   - working directory = the pack folder; command = the `pulumi-analyzer-policy` shim, which runs
 *     `node <@pulumi/pulumi/cmd/run-policy-pack> <engine-address> .` (plus `-<k>=<v>` for runtime
 *     options of PulumiPolicy.yaml; ours has none);
 *   - environment = the CLI's own plus PULUMI_CONFIG (the stack's config as JSON),
 *     PULUMI_NODEJS_PROJECT/STACK/DRY_RUN/ORGANIZATION and their PULUMI_* twins (constructEnv);
 *   - the pack prints its gRPC port as the first stdout line; the rest of stdout/stderr is log text.
 * run-policy-pack (in @pulumi/pulumi 3.276) drops the engine address (`argv._.shift()`), and its
 * `log` calls reach an engine only when PULUMI_NODEJS_ENGINE is set, which the CLI does not do for
 * analyzers. We still serve a minimal Engine service at the address we pass, so that the command
 * line is exactly the CLI's and any log call that does get there is kept (`engineLog`).
 *
 * TypeScript: run-policy-pack registers Pulumi's vendored ts-node 7.0.1 with `typeCheck: true`
 * hard-coded, so TS_NODE_TRANSPILE_ONLY has no effect (ts-node 7 computes
 * `typeCheck = options.typeCheck === true || options.transpileOnly !== true`). ts-node's compile
 * cache (TS_NODE_CACHE, on by default, under the OS temp dir) makes later starts faster; see
 * docs/plan.md for the timings measured here.
 *
 * Call order as the engine's (NewPolicyAnalyzer, then the step generator): start, Handshake
 * (done by start()), ConfigureStack, GetAnalyzerInfo/GetPluginInfo, Configure, then per resource
 * Remediate and Analyze, then AnalyzeStack.
 *
 * Configuration mirrors the engine (pulumi/pulumi pkg/resource/analyzer/config.go,
 * ReconcilePolicyPackConfig): defaults from each policy's configSchema, then the pack's initial
 * config, then the `--policy-pack-config` file (`all` sets every level first, then per-policy
 * entries override); the result is validated against each policy's schema and sent with Configure.
 */
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type RegisteredResource, normalize } from "./harness";
import { aliasUrns } from "./urns";
import { ROOT } from "./root";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

/* eslint-disable @typescript-eslint/no-explicit-any -- generated protobuf/gRPC modules are untyped JS */
const PULUMI_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
/** gRPC and protobuf exactly as @pulumi/pulumi resolves them (same instances as its stubs). */
const grpc: typeof import("@grpc/grpc-js") = require(require.resolve("@grpc/grpc-js", { paths: [PULUMI_DIR] }));
const structproto: any = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [PULUMI_DIR] }));
const emptyproto: any = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [PULUMI_DIR] }));
const analyzerpb: any = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerrpc: any = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const enginerpc: any = require("@pulumi/pulumi/proto/engine_grpc_pb");

export const PACK_DIR = path.join(ROOT, "policy-pack");

/** Newest modification time of the pack's sources (its tests and dependencies aside). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (["node_modules", "bin", "test", "reports", ".stryker-tmp", "bench"].includes(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts") || e.name.endsWith(".json")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The CLI loads the pack's compiled `bin/index.js` (its package.json `main`). A fresh clone has none
 * and an edited pack has a stale one; either would analyze with the wrong policies, so build it
 * first (esbuild, well under a second) when it is missing or older than a source.
 */
export function ensurePackBuilt(packDir: string = PACK_DIR): void {
  const main = (JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as { main?: string }).main;
  const build = path.join(packDir, "scripts", "build.mjs");
  if (!main || !fs.existsSync(build)) return;
  const out = path.join(packDir, main);
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newestSource(packDir)) return;
  const r = spawnSync(process.execPath, [build], { cwd: packDir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`building the policy pack failed:\n${r.stdout}${r.stderr}`);
}
/** The entry point the CLI's `pulumi-analyzer-policy` shim runs. */
export const RUN_POLICY_PACK = path.join(PULUMI_DIR, "cmd", "run-policy-pack");

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
/** pulumirpc.EnforcementLevel: ADVISORY 0, MANDATORY 1, DISABLED 2, REMEDIATE 3. */
const LEVEL_TO_PROTO: Record<EnforcementLevel, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const PROTO_TO_LEVEL: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

/** One policy finding, as the plan reports it. */
export interface Diagnostic {
  policy: string;
  /** `remediate` violations are reported as mandatory, as the engine does. */
  level: "advisory" | "mandatory";
  message: string;
  /** The resource the finding names; stack-wide findings name the root stack (null without one). */
  urn: string | null;
}

/** A remediation a policy at level `remediate` applied to a resource's inputs before analysis. */
export interface Remediation {
  policy: string;
  urn: string;
  description: string;
}

export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  type: "resource" | "stack" | "unknown";
  configSchema?: { properties: Record<string, JsonSchema>; required: string[] };
}

export interface AnalyzerInfo {
  name: string;
  version: string;
  supportsConfig: boolean;
  policies: PolicyInfo[];
  initialConfig: Record<string, PolicyConfig>;
}

/** One policy's effective config, as sent with Configure. */
export interface PolicyConfig {
  enforcementLevel?: EnforcementLevel;
  properties?: Record<string, unknown>;
}

type JsonSchema = Record<string, unknown>;

/** A bad `--policy-pack-config` file or a config that fails the policies' schemas. */
export class PolicyConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `Invalid policy config ${file} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "PolicyConfigError";
  }
}

/**
 * Parses a `--policy-pack-config` document as the CLI does (parsePolicyPackConfig): per key a level
 * string or an object with an optional `enforcementLevel` and properties; empty entries dropped.
 */
export function parsePolicyConfig(doc: unknown, file = "<policy config>"): Record<string, PolicyConfig> {
  if (doc === undefined || doc === null) return {};
  if (typeof doc !== "object" || Array.isArray(doc)) throw new PolicyConfigError(file, ["the file must hold a JSON object"]);
  const problems: string[] = [];
  const out: Record<string, PolicyConfig> = {};
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    let level: EnforcementLevel | undefined;
    let properties: Record<string, unknown> | undefined;
    if (typeof value === "string") {
      if (!LEVELS.includes(value as EnforcementLevel)) {
        problems.push(`"${key}": ${JSON.stringify(value)} is not a valid enforcement level; allowed: ${LEVELS.join(", ")}`);
        continue;
      }
      level = value as EnforcementLevel;
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      const { enforcementLevel, ...rest } = value as Record<string, unknown>;
      if (enforcementLevel !== undefined) {
        if (typeof enforcementLevel !== "string" || !LEVELS.includes(enforcementLevel as EnforcementLevel)) {
          problems.push(
            `"${key}": enforcementLevel ${JSON.stringify(enforcementLevel)} is not valid; allowed: ${LEVELS.join(", ")}`,
          );
          continue;
        }
        level = enforcementLevel as EnforcementLevel;
      }
      if (Object.keys(rest).length > 0) properties = rest;
    } else {
      problems.push(`"${key}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
      continue;
    }
    if (level === undefined && properties === undefined) continue;
    out[key] = { ...(level ? { enforcementLevel: level } : {}), ...(properties ? { properties } : {}) };
  }
  if (problems.length > 0) throw new PolicyConfigError(file, problems);
  return out;
}

/** Reads and parses a policy config file. */
export function readPolicyConfig(file: string): Record<string, PolicyConfig> {
  const rel = path.relative(ROOT, file) || file;
  if (!fs.existsSync(file)) throw new PolicyConfigError(rel, ["file not found"]);
  const text = fs.readFileSync(file, "utf8");
  if (text.trim() === "") return {};
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new PolicyConfigError(rel, [`not valid JSON: ${(e as Error).message}`]);
  }
  return parsePolicyConfig(doc, rel);
}

/**
 * The engine's reconciliation (ReconcilePolicyPackConfig + applyConfig): schema defaults, then
 * initial config, then the given config, then validation against each policy's schema. As in the
 * engine, keys that name no policy (including `all`) are carried into the result.
 */
export function reconcilePolicyConfig(
  info: AnalyzerInfo,
  given: Record<string, PolicyConfig>,
  file = "<policy config>",
): Record<string, PolicyConfig> {
  let result: Record<string, PolicyConfig> = {};
  for (const p of info.policies) {
    const defaults: Record<string, unknown> = {};
    for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {})) {
      if ("default" in schema) defaults[k] = schema.default;
    }
    result[p.name] = { enforcementLevel: p.enforcementLevel, ...(Object.keys(defaults).length ? { properties: defaults } : {}) };
  }
  result = applyConfig(result, info.initialConfig);
  result = applyConfig(result, given);
  const problems: string[] = [];
  for (const p of info.policies) {
    if (!p.configSchema) continue;
    const schema = { type: "object", properties: p.configSchema.properties, required: p.configSchema.required };
    for (const err of validateSchema(schema, result[p.name]?.properties ?? {}, "")) problems.push(`${p.name}: ${err}`);
  }
  if (problems.length > 0) throw new PolicyConfigError(file, problems);
  return result;
}

function applyConfig(result: Record<string, PolicyConfig>, apply: Record<string, PolicyConfig>): Record<string, PolicyConfig> {
  const out: Record<string, PolicyConfig> = { ...result };
  const all = apply.all?.enforcementLevel;
  if (all) for (const k of Object.keys(out)) out[k] = { ...out[k], enforcementLevel: all };
  for (const [name, given] of Object.entries(apply)) {
    const current = out[name] ?? {};
    const properties =
      given.properties && Object.keys(given.properties).length > 0
        ? { ...(current.properties ?? {}), ...given.properties }
        : current.properties;
    out[name] = {
      ...((given.enforcementLevel ?? current.enforcementLevel)
        ? { enforcementLevel: given.enforcementLevel ?? current.enforcementLevel }
        : {}),
      ...(properties ? { properties } : {}),
    };
  }
  return out;
}

/**
 * A JSON Schema subset, enough for policy configSchemas (the engine uses gojsonschema): type,
 * enum, const, minimum/maximum, minLength/maxLength, pattern, items, minItems/maxItems,
 * properties, required, additionalProperties: false. Unknown keywords are ignored.
 */
export function validateSchema(schema: JsonSchema, value: unknown, at: string): string[] {
  const where = at || "(root)";
  const errors: string[] = [];
  const type = schema.type as string | string[] | undefined;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    const actual = jsonType(value);
    const ok = types.some((t) => t === actual || (t === "number" && actual === "integer"));
    if (!ok) return [`${where}: Invalid type. Expected: ${types.join(" or ")}, given: ${actual}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push(`${where}: must be one of the following: ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`);
  }
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value))
    errors.push(`${where}: does not match: ${JSON.stringify(schema.const)}`);
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum)
      errors.push(`${where}: Must be greater than or equal to ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum)
      errors.push(`${where}: Must be less than or equal to ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && value.length < schema.minLength)
      errors.push(`${where}: String length must be greater than or equal to ${schema.minLength}`);
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength)
      errors.push(`${where}: String length must be less than or equal to ${schema.maxLength}`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
      errors.push(`${where}: Does not match pattern '${schema.pattern}'`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems)
      errors.push(`${where}: Array must have at least ${schema.minItems} items`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems)
      errors.push(`${where}: Array must have at most ${schema.maxItems} items`);
    if (schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)) {
      value.forEach((v, i) => errors.push(...validateSchema(schema.items as JsonSchema, v, `${at ? at + "." : ""}${i}`)));
    }
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const req of (schema.required as string[] | undefined) ?? []) {
      if (!(req in obj)) errors.push(`${where}: ${req} is required`);
    }
    for (const [k, v] of Object.entries(obj)) {
      const key = `${at ? at + "." : ""}${k}`;
      if (props[k]) errors.push(...validateSchema(props[k], v, key));
      else if (schema.additionalProperties === false) errors.push(`${where}: Additional property ${k} is not allowed`);
    }
  }
  return errors;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/**
 * Replaces the harness's "[unknown]" markers by Pulumi's unknown sentinel, as the engine sends
 * them; with skipInternalKeys, drops `__`-prefixed keys as the engine's SkipInternalKeys does.
 */
function toWire(value: unknown, skipInternalKeys: boolean): unknown {
  if (value === "[unknown]") return unknownValue;
  if (Array.isArray(value)) return value.map((v) => toWire(v, skipInternalKeys));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !(skipInternalKeys && k.startsWith("__")))
        .map(([k, v]) => [k, toWire(v, skipInternalKeys)]),
    );
  }
  return value;
}

/**
 * The inputs as a protobuf Struct, built once per inputs object and marshalling: a provider's
 * inputs go with every resource it serves, and AnalyzeStack resends every resource's inputs.
 * The messages are only read after they are built, so sharing them between requests is safe.
 */
const structs = { skip: new WeakMap<object, any>(), keep: new WeakMap<object, any>() };
function struct(value: Record<string, unknown>, skipInternalKeys = true): any {
  const cache = skipInternalKeys ? structs.skip : structs.keep;
  let s = cache.get(value);
  if (!s) {
    s = structproto.Struct.fromJavaScript(toWire(value, skipInternalKeys) as Record<string, unknown>);
    cache.set(value, s);
  }
  return s;
}

export interface StartOptions {
  /** The pack folder (default: policy-pack/). */
  packDir?: string;
  /** The node binary (default: the one running this process, i.e. the project's Node 22). */
  node?: string;
  /** What the CLI puts in the pack's environment. */
  project?: string;
  stack?: string;
  organization?: string;
  /** The stack's (non-secret) config, full keys; becomes PULUMI_CONFIG. */
  config?: Record<string, string>;
  /** Extra environment for the pack process. */
  env?: Record<string, string>;
  /** Milliseconds to wait for the port line (ts-node type-checks the whole pack first). */
  startTimeoutMs?: number;
}

/** A running policy pack and an analyzer-protocol client to it. Call close() when done. */
export class PolicyRunner {
  /** Milliseconds from spawn to the port line. */
  startMs = 0;
  /** Whether the pack answered Handshake (false: UNIMPLEMENTED, as with @pulumi/policy 1.21). */
  handshake = false;
  /** Remediations applied by the last evaluate(). */
  remediations: Remediation[] = [];
  private info?: AnalyzerInfo;
  private closed = false;

  private constructor(
    /** The pack's stdout (after the port line) and stderr: log text, errors. */
    readonly output: string[],
    /** Messages that reached our Engine service's Log method. */
    readonly engineLog: string[],
    private readonly child: ChildProcess,
    private readonly client: any,
    private readonly engine: import("@grpc/grpc-js").Server,
    readonly port: number,
  ) {}

  /** Starts the pack as the CLI does and connects to it. */
  static async start(options: StartOptions = {}): Promise<PolicyRunner> {
    const packDir = options.packDir ?? PACK_DIR;
    ensurePackBuilt(packDir);
    const engineLog: string[] = [];
    const engine = new grpc.Server();
    engine.addService(enginerpc.EngineService, {
      log: (call: any, cb: any) => {
        engineLog.push(`${call.request.getSeverity()}: ${call.request.getMessage()}`);
        cb(null, new emptyproto.Empty());
      },
      getRootResource: (_call: any, cb: any) =>
        cb(null, new (require("@pulumi/pulumi/proto/engine_pb").GetRootResourceResponse)()),
      setRootResource: (_call: any, cb: any) =>
        cb(null, new (require("@pulumi/pulumi/proto/engine_pb").SetRootResourceResponse)()),
    });
    const enginePort = await new Promise<number>((resolve, reject) =>
      engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
        err ? reject(err) : resolve(port),
      ),
    );

    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    const set = (k: string, v: string | undefined) => {
      if (v) env[k] = v;
    };
    set("PULUMI_CONFIG", options.config ? JSON.stringify(options.config) : undefined);
    set("PULUMI_NODEJS_ORGANIZATION", options.organization);
    set("PULUMI_NODEJS_PROJECT", options.project);
    set("PULUMI_NODEJS_STACK", options.stack);
    set("PULUMI_NODEJS_DRY_RUN", "true");
    set("PULUMI_ORGANIZATION", options.organization);
    set("PULUMI_PROJECT", options.project);
    set("PULUMI_STACK", options.stack);
    set("PULUMI_DRY_RUN", "true");
    Object.assign(env, options.env ?? {});

    const started = Date.now();
    const child = spawn(options.node ?? process.execPath, [RUN_POLICY_PACK, `127.0.0.1:${enginePort}`, "."], {
      cwd: packDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    let port: number;
    try {
      port = await new Promise<number>((resolve, reject) => {
        let buffered = "";
        let resolved = false;
        const timer = setTimeout(
          () => reject(new Error(`policy pack did not print its port within ${options.startTimeoutMs ?? 120000} ms`)),
          options.startTimeoutMs ?? 120000,
        );
        child.stdout!.setEncoding("utf8");
        child.stderr!.setEncoding("utf8");
        child.stderr!.on("data", (d: string) => output.push(d));
        child.stdout!.on("data", (d: string) => {
          if (resolved) return void output.push(d);
          buffered += d;
          const nl = buffered.indexOf("\n");
          if (nl < 0) return;
          const line = buffered.slice(0, nl).trim();
          if (buffered.length > nl + 1) output.push(buffered.slice(nl + 1));
          resolved = true;
          clearTimeout(timer);
          const n = Number(line);
          if (Number.isInteger(n) && n > 0) resolve(n);
          else reject(new Error(`policy pack printed "${line}" instead of a port`));
        });
        // "close", not "exit": it fires after stderr is drained, so the message carries all of it.
        child.on("close", (code, signal) => {
          clearTimeout(timer);
          if (!resolved)
            reject(
              new Error(
                `policy pack exited (code ${code}, signal ${signal}) before printing its port:\n${output.join("").trim()}`,
              ),
            );
        });
        child.on("error", (e) => {
          clearTimeout(timer);
          reject(e);
        });
      });
    } catch (e) {
      if (child.exitCode === null) child.kill("SIGKILL");
      engine.forceShutdown();
      throw e;
    }
    const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    const runner = new PolicyRunner(output, engineLog, child, client, engine, port);
    runner.startMs = Date.now() - started;
    try {
      runner.handshake = await runner.doHandshake(`127.0.0.1:${enginePort}`, packDir);
    } catch (e) {
      await runner.close();
      throw e;
    }
    return runner;
  }

  /**
   * Handshake, as the engine sends it right after the start (engine address; root and program
   * directory = the pack folder). `false` when the pack does not implement it (@pulumi/policy
   * 1.21 does not), which the engine tolerates too.
   */
  private async doHandshake(engineAddress: string, packDir: string): Promise<boolean> {
    const req = new analyzerpb.AnalyzerHandshakeRequest();
    req.setEngineAddress(engineAddress);
    req.setRootDirectory(packDir);
    req.setProgramDirectory(packDir);
    return new Promise<boolean>((resolve, reject) => {
      this.client.handshake(req, (err: (Error & { code?: number }) | null) => {
        if (!err) resolve(true);
        else if (err.code === grpc.status.UNIMPLEMENTED) resolve(false);
        else reject(new Error(`analyzer handshake failed: ${err.message}`));
      });
    });
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.client[method](request, (err: Error | null, res: T) => {
        if (err)
          reject(
            new Error(`analyzer ${method} failed: ${err.message}${this.output.length ? `\n${this.output.join("").trim()}` : ""}`),
          );
        else resolve(res);
      });
    });
  }

  async pluginInfo(): Promise<{ version: string }> {
    const res: any = await this.call("getPluginInfo", new emptyproto.Empty());
    return { version: res.getVersion() };
  }

  async analyzerInfo(): Promise<AnalyzerInfo> {
    const res: any = await this.call("getAnalyzerInfo", new emptyproto.Empty());
    const policies: PolicyInfo[] = res.getPoliciesList().map((p: any) => {
      const schema = p.getConfigschema();
      const type = p.getPolicyType?.();
      return {
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: PROTO_TO_LEVEL[p.getEnforcementlevel()],
        type:
          type === analyzerpb.PolicyType.POLICY_TYPE_RESOURCE
            ? "resource"
            : type === analyzerpb.PolicyType.POLICY_TYPE_STACK
              ? "stack"
              : "unknown",
        ...(schema
          ? {
              configSchema: {
                properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, JsonSchema>,
                required: schema.getRequiredList(),
              },
            }
          : {}),
      } satisfies PolicyInfo;
    });
    const initialConfig: Record<string, PolicyConfig> = {};
    res.getInitialconfigMap().forEach((v: any, k: string) => {
      const props = v.getProperties()?.toJavaScript() ?? {};
      initialConfig[k] = {
        enforcementLevel: PROTO_TO_LEVEL[v.getEnforcementlevel()],
        ...(Object.keys(props).length ? { properties: props } : {}),
      };
    });
    this.info = {
      name: res.getName(),
      version: res.getVersion(),
      supportsConfig: res.getSupportsconfig(),
      policies,
      initialConfig,
    };
    return this.info;
  }

  /**
   * Reconciles the given `--policy-pack-config` (a file path, a parsed document, or nothing) with
   * the pack's metadata as the engine does, sends it with Configure and returns what was sent.
   */
  async configure(config?: string | Record<string, unknown>): Promise<Record<string, PolicyConfig>> {
    const info = this.info ?? (await this.analyzerInfo());
    const file = typeof config === "string" ? path.relative(ROOT, config) || config : "<policy config>";
    const given =
      config === undefined ? {} : typeof config === "string" ? readPolicyConfig(config) : parsePolicyConfig(config, file);
    if (!info.supportsConfig) {
      if (config !== undefined) throw new PolicyConfigError(file, [`policy pack ${info.name} does not support config`]);
      return {};
    }
    const reconciled = reconcilePolicyConfig(info, given, file);
    if (Object.keys(reconciled).length === 0) return reconciled; // the engine skips an empty Configure
    const req = new analyzerpb.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, c] of Object.entries(reconciled)) {
      const pc = new analyzerpb.PolicyConfig();
      // An entry without a level (only possible for keys naming no policy) gets the engine's zero value.
      pc.setEnforcementlevel(LEVEL_TO_PROTO[c.enforcementLevel ?? "advisory"]);
      pc.setProperties(structproto.Struct.fromJavaScript(c.properties ?? {}));
      map.set(name, pc);
    }
    await this.call("configure", req);
    return reconciled;
  }

  /** ConfigureStack: the stack's identity, config and tags (policies read them as `stackTags`). */
  async configureStack(stack: {
    stack: string;
    project: string;
    organization?: string;
    config?: Record<string, string>;
    tags?: Record<string, string>;
  }): Promise<void> {
    const req = new analyzerpb.AnalyzerStackConfigureRequest();
    req.setStack(stack.stack);
    req.setProject(stack.project);
    req.setOrganization(stack.organization ?? "");
    req.setDryRun(true);
    for (const [k, v] of Object.entries(stack.config ?? {})) req.getConfigMap().set(k, v);
    for (const [k, v] of Object.entries(stack.tags ?? {})) req.getTagsMap().set(k, v);
    await this.call("configureStack", req);
  }

  /**
   * Remediate: policies at level `remediate` may rewrite the inputs. Returns the inputs to analyze
   * (the last remediation's properties, as the engine chains them), the applied remediations and
   * remediation diagnostics (the engine reports those as advisory).
   */
  async remediate(
    resource: RegisteredResource,
    all: RegisteredResource[] = [],
  ): Promise<{ inputs: Record<string, unknown>; remediations: Remediation[]; diagnostics: Diagnostic[] }> {
    // The engine marshals Remediate's properties with SkipInternalKeys: false, Analyze's with true.
    const res: any = await this.call("remediate", analyzeRequest(resource, all, false));
    let inputs = resource.inputs;
    const remediations: Remediation[] = [];
    const diags: Diagnostic[] = [];
    for (const r of res.getRemediationsList()) {
      if (r.getDiagnostic()) {
        diags.push({ policy: r.getPolicyname(), level: "advisory", message: r.getDiagnostic(), urn: resource.urn });
      } else if (r.getProperties()) {
        inputs = normalize(r.getProperties().toJavaScript()) as Record<string, unknown>;
        remediations.push({ policy: r.getPolicyname(), urn: resource.urn, description: r.getDescription() });
      }
    }
    return { inputs, remediations, diagnostics: diags };
  }

  /** Analyze: one resource, with its options and its provider, as the engine sends it at preview. */
  async analyze(resource: RegisteredResource, all: RegisteredResource[] = []): Promise<Diagnostic[]> {
    const res: any = await this.call("analyze", analyzeRequest(resource, all, true));
    // The engine reports an Analyze finding against the analyzed resource's URN.
    return diagnostics(res, resource.urn).map((d) => ({ ...d, urn: resource.urn }));
  }

  /** AnalyzeStack: every resource with parent, dependencies and property dependencies. */
  async analyzeStack(resources: RegisteredResource[]): Promise<Diagnostic[]> {
    const req = new analyzerpb.AnalyzeStackRequest();
    req.setResourcesList(
      resources.map((r) => {
        const ar = new analyzerpb.AnalyzerResource();
        ar.setType(r.type);
        ar.setUrn(r.urn);
        ar.setName(r.name);
        ar.setProperties(struct(r.inputs));
        ar.setOptions(options(r));
        const provider = providerOf(r, resources);
        if (provider) ar.setProvider(provider);
        ar.setParent(r.parent ?? "");
        ar.setDependenciesList(r.dependencies);
        const pdeps = ar.getPropertydependenciesMap();
        for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
          if (urns.length === 0) continue; // the engine skips properties without dependencies
          const d = new analyzerpb.AnalyzerPropertyDependencies();
          d.setUrnsList(urns);
          pdeps.set(key, d);
        }
        return ar;
      }),
    );
    const res: any = await this.call("analyzeStack", req);
    // As the engine (step_generator.go AnalyzeStack): a finding keeps its URN when it names a
    // resource of the stack; otherwise it is reported at the root stack resource.
    const urns = new Set(resources.map((r) => r.urn));
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? null;
    return diagnostics(res, null).map((d) => ({ ...d, urn: d.urn && urns.has(d.urn) ? d.urn : root }));
  }

  /**
   * The preview's policy verdict, in the engine's order (step_generator.go): per resource Remediate
   * then Analyze of the remediated inputs, then AnalyzeStack over all (remediated) resources.
   * Applied remediations are kept in `remediations`.
   */
  async evaluate(
    resources: RegisteredResource[],
    onProgress?: (done: number, total: number) => void,
    { inFlight = EVALUATE_IN_FLIGHT }: { inFlight?: number } = {},
  ): Promise<Diagnostic[]> {
    // Each resource's Remediate -> Analyze chain stays in order, but several resources are in flight
    // at once (the engine, too, analyzes resources as they register, not in one queue): the pack
    // works on one request while this process encodes the next, so the two processes share both
    // cores instead of waiting on each other. The results are collected in resource order.
    const results: { remediations: Remediation[]; diagnostics: Diagnostic[]; analyzed: RegisteredResource }[] = [];
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < resources.length) {
        const i = next++;
        const r = resources[i];
        const rem = await this.remediate(r, resources);
        const analyzed = rem.remediations.length ? { ...r, inputs: rem.inputs } : r;
        const found = await this.analyze(analyzed, resources);
        results[i] = { remediations: rem.remediations, diagnostics: [...rem.diagnostics, ...found], analyzed };
        onProgress?.(++done, resources.length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(inFlight, resources.length)) }, worker));
    this.remediations = results.flatMap((x) => x.remediations);
    const out = results.flatMap((x) => x.diagnostics);
    out.push(...(await this.analyzeStack(results.map((x) => x.analyzed))));
    return out;
  }

  /** Closes the connection, stops the pack process and waits for it to exit. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.close();
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once("exit", () => resolve());
    });
    // The CLI kills analyzer plugins on shutdown (plugin.Close -> process kill); so do we.
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.engine.forceShutdown();
  }

  /** The pack's process id (for tests that check nothing is leaked). */
  get pid(): number | undefined {
    return this.child.pid;
  }
}

/** Resources analyzed at once by evaluate() (more than a few buys nothing: two cores, one pack process). */
export const EVALUATE_IN_FLIGHT = 8;

/** The AnalyzeRequest of one resource (Analyze and Remediate share it). */
function analyzeRequest(resource: RegisteredResource, all: RegisteredResource[], skipInternalKeys: boolean): any {
  const req = new analyzerpb.AnalyzeRequest();
  req.setType(resource.type);
  req.setUrn(resource.urn);
  req.setName(resource.name);
  req.setProperties(struct(resource.inputs, skipInternalKeys));
  req.setOptions(options(resource));
  const provider = providerOf(resource, all);
  if (provider) req.setProvider(provider);
  return req;
}

function options(r: RegisteredResource): any {
  const o = new analyzerpb.AnalyzerResourceOptions();
  o.setProtect(r.protect);
  // The engine sends aliases as URNs; provider SDKs add type aliases as specs (e.g. aws.s3.Bucket
  // keeps its v6 `BucketV2` type as an alias), so resolve them first.
  const [stack, project] = r.urn.replace(/^urn:pulumi:/, "").split("::");
  o.setAliasesList(aliasUrns(r, project, stack));
  o.setParent(r.parent ?? "");
  const t = new analyzerpb.AnalyzerResourceOptions.CustomTimeouts();
  o.setCustomtimeouts(t);
  return o;
}

function providerOf(r: RegisteredResource, all: RegisteredResource[]): any {
  if (!r.provider) return undefined;
  const p = all.find((x) => x.urn === r.provider);
  const pr = new analyzerpb.AnalyzerProviderResource();
  pr.setUrn(r.provider);
  pr.setType(p?.type ?? r.provider.split("::")[2] ?? "");
  pr.setName(p?.name ?? r.provider.split("::").pop() ?? "");
  pr.setProperties(struct(p?.inputs ?? {}));
  return pr;
}

function diagnostics(res: any, defaultUrn: string | null): Diagnostic[] {
  return res.getDiagnosticsList().map((d: any) => {
    const level = PROTO_TO_LEVEL[d.getEnforcementlevel()];
    return {
      policy: d.getPolicyname(),
      // The engine reports a remediate-level violation as mandatory.
      level: level === "advisory" ? "advisory" : "mandatory",
      message: d.getMessage(),
      urn: d.getUrn() || defaultUrn,
    } satisfies Diagnostic;
  });
}
/* eslint-enable @typescript-eslint/no-explicit-any */
