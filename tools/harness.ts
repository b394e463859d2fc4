/**
 * The one mock harness: runs the real program for a named stack under Pulumi's mock runtime and
 * returns every registered resource. Unit tests and the offline plan (tools/plan.ts) both use it.
 *
 * Sequence (the order @pulumi/pulumi's runtime needs): setMocks -> setAllConfig -> runInPulumiStack(program) ->
 * disconnect. setMocks resets the runtime's global state, so stacks run one after another in one
 * process; runs must not overlap.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { specialResourceSig, specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import * as yaml from "js-yaml";
import { PlatformMocks } from "./mocks";

import { ROOT } from "./root";

export { ROOT } from "./root";
export const SECRET_MASK = "[secret]";

export interface RegisteredResource {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  /** URN of the explicit provider the resource uses (null: none, i.e. a default provider). */
  provider: string | null;
  /** For components: the providers handed to their children, package -> provider URN. */
  providers: Record<string, string>;
  dependencies: string[];
  custom: boolean;
  remote: boolean;
  protect: boolean;
  /** `retainOnDelete`: a delete removes it from the state only, never from the account. */
  retainOnDelete?: boolean;
  /** Inputs as registered; secrets as "[secret]", resource references as their id or URN. */
  inputs: Record<string, unknown>;
  /** Per input property, the URNs it depends on (the engine hands these to analyzeStack). */
  propertyDependencies?: Record<string, string[]>;
  /** The `aliases` option as registered: alias URNs, or specs the engine resolves (tools/urns.ts). */
  aliases?: AliasRecord[];
  /** The id the mock gave the resource (custom resources), e.g. `db-sg-id`. */
  id?: string;
  /** Computed attributes the mock returned that other resources refer to (ARNs, resource ids, subnet ids; never secrets). */
  attributes?: Record<string, unknown>;
}

/** One alias as the SDK sends it: a URN, or a spec whose missing parts default to the resource's. */
export type AliasRecord =
  { urn: string } | { name?: string; type?: string; stack?: string; project?: string; parentUrn?: string; noParent?: boolean };

export interface StackRun {
  project: string;
  stack: string;
  resources: RegisteredResource[];
  /** Stack outputs; secrets as "[secret]". */
  outputs: Record<string, unknown>;
  /** Outputs each component registered, by URN (secrets masked). */
  componentOutputs: Record<string, Record<string, unknown>>;
  /**
   * What the program logged with `pulumi.log.warn` (without an engine the SDK prints it to the
   * console as `warning: [runtime] ...`); recorded here instead of printed, so that a caller shows
   * it (the plan) or asserts it (tests).
   */
  warnings: string[];
}

export interface HarnessOptions {
  /** Config values over the stack file: short (`vpcCidr`) or full keys; undefined removes a key. */
  config?: Record<string, string | undefined>;
  /** Secret config values, as `pulumi config set --secret` would provide them. */
  secrets?: Record<string, string>;
  /** Another stack file to read instead of `Pulumi.<stack>.yaml` (test profiles). */
  stackFile?: string;
  /** Invoke answers by token that replace the mock table's (tools/mocks.ts), e.g. an account's existing roles. */
  invokes?: Record<string, Record<string, unknown>>;
  /** The program to run; default: infra/index.ts, or the `main` of `projectDir`'s Pulumi.yaml. */
  program?: () => Promise<Record<string, unknown> | void>;
  /** Another Pulumi project (its own Pulumi.yaml and stack files), e.g. bootstrap/; default: the root. */
  projectDir?: string;
}

function projectFile(dir: string): { name: string; main?: string } {
  return yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { name: string; main?: string };
}

export function projectName(dir: string = ROOT): string {
  return projectFile(dir).name;
}

/** The stack's config as the CLI hands it to a program: full keys, strings, objects as JSON. */
/** A stack file that cannot be read: missing, not YAML, or not a `config:` map. The message names file and line. */
export class StackFileError extends Error {
  name = "StackFileError";
}

export function readStackConfig(stack: string, stackFile?: string, dir: string = ROOT): Record<string, string> {
  const file = stackFile ?? path.join(dir, `Pulumi.${stack}.yaml`);
  const shown = path.relative(ROOT, file).startsWith("..") ? file : path.relative(ROOT, file);
  if (!fs.existsSync(file)) throw new StackFileError(`no stack file ${shown} for stack "${stack}"`);
  let parsed: unknown;
  try {
    parsed = yaml.load(fs.readFileSync(file, "utf8"));
  } catch (e) {
    if (!(e instanceof yaml.YAMLException)) throw e;
    // js-yaml's mark is 0-based; editors count lines and columns from 1.
    const at = e.mark ? `:${e.mark.line + 1}:${e.mark.column + 1}` : "";
    throw new StackFileError(`${shown}${at}: not valid YAML: ${e.reason}`);
  }
  const doc = (parsed ?? {}) as { config?: unknown };
  if (
    typeof doc !== "object" ||
    Array.isArray(doc) ||
    (doc.config !== undefined && (typeof doc.config !== "object" || doc.config === null || Array.isArray(doc.config)))
  ) {
    throw new StackFileError(`${shown}: expected a map with a "config:" map of keys (project:key: value)`);
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
    if (value && typeof value === "object" && "secure" in (value as object)) {
      throw new StackFileError(`${shown}: "${key}" is an encrypted secret; pass test secrets through the harness`);
    }
    out[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

/** Replaces the wire format's secrets, resource references and unknowns with readable values. */
export function normalize(value: unknown): unknown {
  if (value === unknownValue) return "[unknown]";
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[specialSigKey] === specialSecretSig) return SECRET_MASK;
    if (obj[specialSigKey] === specialResourceSig) return (obj.id as string) || (obj.urn as string);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

/** The computed attributes kept per resource (the reachability check resolves references with them). */
const ATTRIBUTES = ["arn", "resourceId", "address", "publicSubnetIds", "privateSubnetIds", "isolatedSubnetIds"];

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

function qualify(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the mock monitor and protobuf requests are untyped */
/** The config a run gets: the stack file, then the overrides and secrets of the options (full keys). */
export function stackConfig(
  stack: string,
  options: HarnessOptions = {},
): { config: Record<string, string>; secretKeys: string[] } {
  const dir = projectDirOf(options);
  const project = projectName(dir);
  const config = readStackConfig(stack, options.stackFile, dir);
  for (const [key, value] of Object.entries(options.config ?? {})) {
    if (value === undefined) delete config[qualify(project, key)];
    else config[qualify(project, key)] = value;
  }
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(options.secrets ?? {})) {
    config[qualify(project, key)] = value;
    secretKeys.push(qualify(project, key));
  }
  return { config, secretKeys };
}

function projectDirOf(options: HarnessOptions): string {
  return options.projectDir ? path.resolve(options.projectDir) : ROOT;
}

/** Another project's program (e.g. bootstrap/), which the bundled plan (tools/bundle.mjs) does not contain. */
function loadProject(dir: string): () => Promise<Record<string, unknown>> {
  const main = path.join(dir, projectFile(dir).main ?? "index.ts");
  // Under tsx (tests, `node --import tsx`) TypeScript loads as it is; the bundle registers tsx here.
  if (/\.tsx?$/.test(main) && !require.extensions[".ts"]) require("tsx/cjs/api").register();
  return require(main);
}

export async function runStack(stack: string, options: HarnessOptions = {}): Promise<StackRun> {
  const dir = projectDirOf(options);
  const project = projectName(dir);
  const { config, secretKeys } = stackConfig(stack, options);
  const region = config[`${project}:region`] ?? "eu-central-1";
  const mocks = new PlatformMocks(region, options.invokes);

  await pulumi.runtime.setMocks(mocks, project, stack, false);
  pulumi.runtime.setAllConfig(config, secretKeys);

  const resources: RegisteredResource[] = [];
  const componentOutputs: Record<string, Record<string, unknown>> = {};
  let outputs: Record<string, unknown> = {};
  const monitor = pulumi.runtime.getMonitor() as any;
  // URNs as the engine makes them: the parent's whole type chain (without the stack's type), not
  // only its last type as Pulumi's mock monitor does. Otherwise two components of one type under
  // different parents (the home and the DR network) give their children the same URN.
  monitor.newUrn = (parent: string | undefined, type: string, name: string) => {
    const chain = parent ? parent.split("::")[2] : "";
    const qualified = chain && !chain.startsWith("pulumi:pulumi:Stack") ? `${chain}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: unknown, res: any) => void) => {
    register(req, (err: unknown, res: any) => {
      if (!err && res) {
        const type: string = req.getType();
        const providerRef: string = req.getProvider();
        const inputs = normalize(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
        const tagsAll = mocks.tagsAll(type, providerRef, inputs);
        if (tagsAll) inputs.tagsAll = tagsAll;
        const providers: Record<string, string> = {};
        req.getProvidersMap().forEach((ref: string, pkg: string) => (providers[pkg] = ref.split("::").slice(0, -1).join("::")));
        const propertyDependencies: Record<string, string[]> = {};
        req
          .getPropertydependenciesMap()
          .forEach((deps: any, key: string) => (propertyDependencies[key] = [...deps.getUrnsList()]));
        const aliases: AliasRecord[] = [
          ...req.getAliasurnsList().map((urn: string) => ({ urn })),
          ...req.getAliasesList().map((a: any): AliasRecord => {
            if (a.getUrn()) return { urn: a.getUrn() };
            const s = a.getSpec();
            const spec: Record<string, unknown> = {};
            if (s.getName()) spec.name = s.getName();
            if (s.getType()) spec.type = s.getType();
            if (s.getStack()) spec.stack = s.getStack();
            if (s.getProject()) spec.project = s.getProject();
            if (s.getParenturn()) spec.parentUrn = s.getParenturn();
            if (s.getNoparent()) spec.noParent = true;
            return spec;
          }),
        ];
        resources.push({
          urn: res.getUrn(),
          type,
          name: req.getName(),
          parent: req.getParent() || null,
          provider: providerRef ? providerRef.split("::").slice(0, -1).join("::") : null,
          providers,
          dependencies: [...req.getDependenciesList()],
          custom: req.getCustom(),
          remote: req.getRemote(),
          protect: req.getProtect() === true,
          ...(req.getRetainondelete() ? { retainOnDelete: true } : {}),
          inputs,
          propertyDependencies,
          aliases,
          // Only custom resources get an id; no `id: undefined` key (a run is plain JSON data).
          ...(res.getId() ? { id: res.getId() as string } : {}),
          attributes: pick(normalize(res.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>, ATTRIBUTES),
        });
      }
      callback(err, res);
    });
  };
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req: any, callback: (err: unknown, res: any) => void) => {
    const urn: string = req.getUrn();
    const values = normalize(req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
    if (urn.includes("::pulumi:pulumi:Stack::")) outputs = values;
    else componentOutputs[urn] = values;
    registerOutputs(req, callback);
  };

  const program = options.program ?? (dir === ROOT ? require("../infra") : loadProject(dir));
  const warnings: string[] = [];
  const { warn } = console;
  console.warn = (...args: unknown[]) => {
    const m = /^warning: \[runtime\] ([\s\S]*)$/.exec(args.map(String).join(" "));
    if (m) warnings.push(m[1]);
    else warn(...args);
  };
  // The SDK captures and formats a stack trace for every output promise and resource (leak
  // reports, source positions for the engine); with tsx's source maps on, each one maps every
  // frame back to TypeScript: together a fifth of a prod run's CPU time (docs/plan.md "Profile").
  // The mock monitor uses neither, so while the program runs the maps are off and a trace keeps
  // one frame (an error still names where it was thrown); both are restored afterwards.
  const sourceMaps = process.sourceMapsEnabled;
  const { stackTraceLimit } = Error;
  process.setSourceMapsEnabled(false);
  Error.stackTraceLimit = 1;
  try {
    await pulumi.runtime.runInPulumiStack(program);
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
    Error.stackTraceLimit = stackTraceLimit;
    await pulumi.runtime.disconnect();
    console.warn = warn;
  }
  return { project, stack, resources, outputs, componentOutputs, warnings };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The resources of a run that are of the given type. */
export function ofType(run: StackRun, type: string): RegisteredResource[] {
  return run.resources.filter((r) => r.type === type);
}

/**
 * The run narrowed to one component: the resources below the (single) component of `type`, plus
 * every provider (so provider assertions still resolve). Tests of a component use it so that other
 * components' resources of the same types do not leak into their assertions.
 */
export function scopeTo(run: StackRun, type: string): StackRun {
  const roots = run.resources.filter((r) => r.type === type);
  if (roots.length !== 1) throw new Error(`expected one ${type} in ${run.stack}, found ${roots.length}`);
  const inside = new Set([roots[0].urn]);
  for (const r of run.resources) if (r.parent && inside.has(r.parent)) inside.add(r.urn);
  return {
    ...run,
    resources: run.resources.filter((r) => inside.has(r.urn) || r.type.startsWith("pulumi:providers:")),
  };
}
