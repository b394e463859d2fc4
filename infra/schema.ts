/**
 * One declaration per config section (infra/sections/*.ts) gives three things:
 * - the profile type the environment profiles (stacks/*.ts) must fill in (`ProfileOf`),
 * - the validation of `Pulumi.<stack>.yaml` over those defaults, with every problem reported at once
 *   as `config key "<project>:<key>" is <value>; allowed: <what is allowed>`,
 * - the typed value handed to the component (`SettingsOf`).
 *
 * The schemas are zod schemas (https://zod.dev, v4): a schema's error message IS the "allowed" text
 * of a problem, so each schema below sets one message on all of its checks.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { EnvironmentRequirements } from "../stacks/requirements";

export { z };

export type EnvironmentName = "dev" | "staging" | "prod";
export const ENVIRONMENTS: readonly EnvironmentName[] = ["dev", "staging", "prod"];

/** Records a problem: the key (`database.replicaCount`, `azCount`), the value shown, what is allowed. */
export type Fail = (key: string, value: unknown, allowed: string) => void;

/**
 * Refuses a number below the environment's minimum (stacks/requirements.ts), naming the minimum,
 * the environment and the field's upper bound.
 */
export function requireAtLeast(fail: Fail, key: string, value: number, min: number, environment: string, max: number): void {
  if (value < min) fail(key, value, `an integer from ${min} (the ${environment} minimum) to ${max}`);
}

/** What a section's cross-field rules may depend on besides its own fields. */
export interface SectionContext {
  project: string;
  stack: string;
  environment: EnvironmentName;
  /** The environment's minimums (stacks/requirements.ts): the one table the pack config comes from too. */
  requirements: EnvironmentRequirements;
  highAvailability: boolean;
  /** The stack's region ("" when invalid; that problem is reported already). */
  region: string;
  /** The raw `domain` when it is a valid DNS domain, else undefined (reported by the stack section). */
  domain: string | undefined;
  /** The network section's AZ count (valid or its profile default). */
  azCount: number;
  /** The settings of the sections validated before this one (SECTIONS order), for cross-section rules. */
  earlier: Record<string, unknown>;
  /** The edge section's service ports (the workloads the ALB forwards to), for the flow table. */
  servicePorts: Record<string, number>;
}

type Shape = Record<string, z.ZodType>;
/** Nothing declared: no constraint (an empty shape's mapped type would forbid every key). */
type Out<S extends Shape> = keyof S extends never ? unknown : z.output<z.ZodObject<S>>;
/** Keys whose schema accepts undefined are optional in the profile. */
type In<S extends Shape> = keyof S extends never ? unknown : z.input<z.ZodObject<S>>;

export interface SectionDef<F extends Shape, X extends Shape, K extends Shape, S extends Shape, R> {
  /** The structured config key (a JSON object in `Pulumi.<stack>.yaml`) whose fields override `fields`. */
  key?: string;
  /** Fields with a per-environment default in the profile, overridable under `key`. */
  fields?: F;
  /** Fields set by the profile only: a stack file cannot override them (e.g. whether Spot is allowed). */
  fixed?: X;
  /** Top-level config keys (plain strings in `Pulumi.<stack>.yaml`); the profile may default them. */
  keys?: K;
  /** Top-level secret keys (`pulumi config set --secret`): never printed, handed on as `pulumi.secret`. */
  secrets?: S;
  /**
   * Cross-field rules and derived values. Runs with every field parsed; a field that failed is
   * replaced by its profile default, so each rule still runs and reports its own problems.
   */
  finish?: (value: Parsed<F, X, K, S>, ctx: SectionContext, fail: Fail) => R;
}

export type Parsed<F extends Shape, X extends Shape, K extends Shape, S extends Shape> = Out<F> &
  Out<X> &
  Out<K> &
  (keyof S extends never ? unknown : { [P in keyof S]?: pulumi.Output<string> });

export interface Section<F extends Shape, X extends Shape, K extends Shape, S extends Shape, R> {
  readonly def: SectionDef<F, X, K, S, R>;
  /** Phantom types (never set at run time). */
  readonly profile?: In<F> & In<X> & Partial<In<K>>;
  readonly settings?: R;
}

/** Declares a config section; see docs/config.md. */
export function section<
  F extends Shape = Record<never, never>,
  X extends Shape = Record<never, never>,
  K extends Shape = Record<never, never>,
  S extends Shape = Record<never, never>,
  R = Parsed<F, X, K, S>,
>(def: SectionDef<F, X, K, S, R>): Section<F, X, K, S, R> {
  return { def };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySection = Section<any, any, any, any, any>;
/** The defaults an environment profile gives for a section. */
export type ProfileOf<T extends AnySection> = NonNullable<T["profile"]>;
/** The validated value of a section, as handed to its component. */
export type SettingsOf<T extends AnySection> = NonNullable<T["settings"]>;

/** The raw config of one stack: full key (`project:key`) to the string the CLI would hand over. */
export type RawConfig = Record<string, string | undefined>;

function show(value: unknown): string {
  return value === undefined ? "not set" : JSON.stringify(value);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Stack values over profile defaults: objects merge field by field, anything else replaces. */
export function overlay(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = overlay(base[k], v);
    return out;
  }
  return over;
}

function keyOf(base: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((k, p) => (typeof p === "number" ? `${k}[${p}]` : `${k}.${String(p)}`), base);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, p) => (v === null || typeof v !== "object" ? undefined : (v as never)[p as never]), value);
}

/** The field names of an object schema at `path` (through optional/default wrappers), for "known fields". */
function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let s: unknown = schema;
  const unwrap = () => {
    while (s && typeof s === "object" && "unwrap" in s && typeof (s as { unwrap: unknown }).unwrap === "function")
      s = (s as { unwrap: () => unknown }).unwrap();
    if (s instanceof z.ZodPipe) s = s.out;
  };
  unwrap();
  for (const p of path) {
    if (s instanceof z.ZodObject) s = s.shape[p as string];
    else if (s instanceof z.ZodArray) s = s.element;
    else if (s instanceof z.ZodRecord) s = s.valueType;
    else return undefined;
    unwrap();
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape) : undefined;
}

/** Collects problems for one stack; `ConfigError` carries them all. */
export class Problems {
  readonly list: string[] = [];
  constructor(readonly project: string) {}

  fullKey(key: string): string {
    return key.includes(":") ? key : `${this.project}:${key}`;
  }

  fail: Fail = (key, value, allowed) => {
    this.list.push(`config key "${this.fullKey(key)}" is ${show(value)}; allowed: ${allowed}`);
  };

  unknownFields(key: string, value: Record<string, unknown>, known: readonly string[]): void {
    for (const f of Object.keys(value))
      if (!known.includes(f)) this.fail(`${key}.${f}`, value[f], `no such field; known fields: ${known.join(", ")}`);
  }

  /**
   * Parses one value; on failure records each zod issue under `key` (the value shown is the one at
   * the issue's path, or `shown` for a whole value such as a secret) and returns undefined.
   */
  parse<T extends z.ZodType>(
    key: string,
    schema: T,
    input: unknown,
    shown?: unknown,
  ): { ok: true; data: z.output<T> } | { ok: false } {
    const r = schema.safeParse(input);
    if (r.success) return { ok: true, data: r.data };
    for (const issue of r.error.issues) {
      if (issue.code === "unrecognized_keys") {
        const known = fieldsAt(schema, issue.path);
        const at = valueAt(input, issue.path) as Record<string, unknown>;
        for (const k of issue.keys)
          this.fail(
            keyOf(key, [...issue.path, k]),
            at?.[k],
            `no such field${known ? `; known fields: ${known.join(", ")}` : ""}`,
          );
      } else {
        this.fail(keyOf(key, issue.path), shown !== undefined ? shown : valueAt(input, issue.path), issue.message);
      }
    }
    return { ok: false };
  }
}

/** A Pulumi config string as the value a schema expects: numbers and booleans are given as text. */
function fromConfigString(schema: z.ZodType, text: string): unknown {
  if (schema.safeParse(text).success) return text;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  return text;
}

/** A structured key's JSON object, or `{}` when unset. */
function objectKey(p: Problems, raw: RawConfig, key: string): Record<string, unknown> {
  const text = raw[p.fullKey(key)];
  if (text === undefined || text === "") return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (isPlainObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  p.fail(key, text, "an object (structured config)");
  return {};
}

/** Every top-level config key a section reads (its object key, plain keys and secret keys). */
export function topLevelKeys(s: AnySection): string[] {
  const d = s.def;
  return [...(d.key ? [d.key] : []), ...Object.keys(d.keys ?? {}), ...Object.keys(d.secrets ?? {})];
}

/** Validates one section of a stack's config over its profile defaults. */
export function readSection<T extends AnySection>(
  s: T,
  profile: Record<string, unknown>,
  raw: RawConfig,
  ctx: SectionContext,
  p: Problems,
): SettingsOf<T> {
  const d = s.def;
  const value: Record<string, unknown> = {};
  const fields: Shape = d.fields ?? {};
  const o = d.key ? objectKey(p, raw, d.key) : {};
  if (d.key) p.unknownFields(d.key, o, Object.keys(fields));

  const take = (key: string, name: string, schema: z.ZodType, input: unknown, shown?: unknown) => {
    const r = p.parse(key, schema, input, shown);
    if (r.ok) value[name] = r.data;
    else {
      const fallback = schema.safeParse(profile[name]);
      value[name] = fallback.success ? fallback.data : undefined;
    }
  };
  for (const [name, schema] of Object.entries(fields)) {
    take(`${d.key}.${name}`, name, schema, overlay(profile[name], o[name]));
    const days = value[name];
    const min = ctx.requirements.minLogRetentionDays;
    if (LOG_RETENTION_FIELDS.has(schema) && typeof days === "number" && days < min) {
      p.fail(
        `${d.key}.${name}`,
        days,
        `one of ${LOG_RETENTION_DAYS.filter((n) => n >= min).join(", ")} (at least ${min} days, the ${ctx.environment} minimum log retention)`,
      );
    }
  }
  for (const [name, schema] of Object.entries((d.fixed ?? {}) as Shape)) {
    take(`${d.key ?? "profile"}.${name}`, name, schema, profile[name]);
  }
  for (const [name, schema] of Object.entries((d.keys ?? {}) as Shape)) {
    const text = raw[p.fullKey(name)];
    const given = text === undefined || text === "" ? undefined : text;
    if (given === undefined) take(name, name, schema, profile[name]);
    else take(name, name, schema, fromConfigString(schema, given), given);
  }
  for (const [name, schema] of Object.entries((d.secrets ?? {}) as Shape)) {
    const text = raw[p.fullKey(name)];
    if (text === undefined || text === "") continue;
    const r = schema.safeParse(text);
    if (r.success) value[name] = pulumi.secret(text);
    else p.fail(name, "[secret]", `${r.error.issues[0].message}, set with \`pulumi config set --secret ${name}\``);
  }
  const fail: Fail = (key, v, allowed) => p.fail(key, v, allowed);
  return (d.finish ? d.finish(value as never, ctx, fail) : value) as SettingsOf<T>;
}

// --- Field schemas whose error message says what is allowed ---

/** An integer from min to max. */
export function int(min: number, max: number, allowed = `an integer from ${min} to ${max}`) {
  return z.number({ error: allowed }).int({ error: allowed }).min(min, { error: allowed }).max(max, { error: allowed });
}

export function bool(allowed = "true or false") {
  return z.boolean({ error: allowed });
}

/** One of a list of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  options: T,
  allowed = `one of ${options.map((o) => `"${o}"`).join(", ")}`,
) {
  return z.enum(options, { error: allowed });
}

/** One of a list of numbers. */
export function memberOf(options: readonly number[], allowed = `one of ${options.join(", ")}`) {
  return z.number({ error: allowed }).refine((n) => options.includes(n), { error: allowed });
}

/** A string matching a pattern. */
export function matching(pattern: RegExp, allowed: string) {
  return z.string({ error: allowed }).regex(pattern, { error: allowed });
}

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy API reference). */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** The log-retention fields: each is held to the environment's `minLogRetentionDays` when read. */
const LOG_RETENTION_FIELDS = new WeakSet<z.ZodType>();

/** Whether a field schema is a log retention (held to the environment's minimum). */
export function isLogRetentionField(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && LOG_RETENTION_FIELDS.has(schema as z.ZodType);
}

/** A log-group retention CloudWatch accepts, at least the environment's minimum (checked in `readSection`). */
export function logRetentionDays() {
  const schema = memberOf(LOG_RETENTION_DAYS);
  LOG_RETENTION_FIELDS.add(schema);
  return schema;
}

/**
 * AWS region names of every partition: commercial (`eu-central-1`), GovCloud (`us-gov-west-1`),
 * China (`cn-north-1`, `cn-northwest-1`) and the ISO partitions' `us-iso-east-1` style.
 */
/** An IAM role ARN in any partition. */
export const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

export const REGION =
  /^(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov|-iso|-isob)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d$/;
