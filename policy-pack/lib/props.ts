/**
 * Reading resource properties the way the engine sends them. At preview, values that depend on
 * resources not yet created arrive as sentinel strings; @pulumi/policy's proxy throws on reading
 * one, which would abort the whole policy and hide violations in the properties that ARE known.
 * The framework therefore hands policies the raw (unproxied) properties and these helpers, so a
 * policy decides per property: an unknown `kmsKeyId` still means "a key is set", an unknown
 * `sslPolicy` means "can't decide yet".
 */
// @pulumi/policy marks its proxy helpers @internal (no typings), but the sentinels and the proxy
// target key are part of the wire format and exported at run time; we use the same module so the
// values are identical to the server's.
const proxy = require("@pulumi/policy/proxy") as {
  getSpecialProxyTarget: string;
  UnknownValueError: new (sentinel: unknown, props: string[]) => Error;
  unknownArchiveValue: string;
  unknownArrayValue: string;
  unknownAssetValue: string;
  unknownBooleanValue: string;
  unknownNumberValue: string;
  unknownObjectValue: string;
  unknownStringValue: string;
};

/** The error the server turns into the advisory "can't run policy ... during preview". */
export const UnknownValueError = proxy.UnknownValueError;
/** The engine's sentinel for an unknown string (used by tests to build preview-time inputs). */
export const UNKNOWN_STRING = proxy.unknownStringValue;
export const UNKNOWN_BOOLEAN = proxy.unknownBooleanValue;
export const UNKNOWN_NUMBER = proxy.unknownNumberValue;

const UNKNOWN_SENTINELS: ReadonlySet<unknown> = new Set([
  proxy.unknownArchiveValue,
  proxy.unknownArrayValue,
  proxy.unknownAssetValue,
  proxy.unknownBooleanValue,
  proxy.unknownNumberValue,
  proxy.unknownObjectValue,
  proxy.unknownStringValue,
]);

/** True when the value is one of the engine's "computed, not known at preview" sentinels. */
export function isUnknown(value: unknown): boolean {
  return UNKNOWN_SENTINELS.has(value);
}

/** The raw object behind @pulumi/policy's unknown-checking (and secrets-preserving) proxies. */
export function unwrap<T>(value: T): T {
  let v: unknown = value;
  for (let i = 0; i < 3 && v instanceof Object; i++) {
    const target = (v as Record<string, unknown>)[proxy.getSpecialProxyTarget];
    if (target === undefined || target === v) break;
    v = target;
  }
  return v as T;
}

/** Reads `a.b.0.c`; stops at (and returns) an unknown sentinel; undefined when absent. */
export function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (cur === undefined || cur === null || isUnknown(cur)) return cur;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Set, or unknown at preview (a computed value will be set). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** A known array, or [] when absent; an unknown array yields undefined. */
export function list(value: unknown): unknown[] | undefined {
  if (isUnknown(value)) return undefined;
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Booleans arrive as booleans from TypeScript programs and sometimes as "true"/"false" strings. */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** The resource's effective tags: `tagsAll` (provider defaultTags merged in), falling back to `tags`. */
export function tagsOf(props: Record<string, unknown>): Record<string, unknown> | undefined {
  const all = props.tagsAll;
  if (all !== undefined && all !== null) return isUnknown(all) ? undefined : (all as Record<string, unknown>);
  const tags = props.tags;
  if (tags === undefined || tags === null) return {};
  return isUnknown(tags) ? undefined : (tags as Record<string, unknown>);
}
