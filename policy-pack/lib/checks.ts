/**
 * The shape most resource policies share: read one property, stop with "undecided" when it is
 * unknown at preview, report when the known value is not acceptable.
 */
import { get, isSet, isTrue, isUnknown, list } from "./props";

/** What `requireThat` needs of a policy's context. */
export interface Checked {
  props: Record<string, unknown>;
  report(message: string): void;
  undecided(path: string, value?: unknown): void;
}

/**
 * Reports `message` unless `ok(value at path)`. An unknown value (or an unknown object on the
 * way) is recorded as undecided. Returns true when the value was known and acceptable.
 */
export function requireThat(
  r: Checked,
  path: string,
  ok: (value: unknown) => boolean,
  message: string | ((value: unknown) => string),
): boolean {
  const v = get(r.props, path);
  if (isUnknown(v)) {
    r.undecided(path, v);
    return false;
  }
  if (ok(v)) return true;
  r.report(typeof message === "string" ? message : message(v));
  return false;
}

/** `true` (or "true"). */
export const on = (v: unknown): boolean => isTrue(v);
/** Anything but `true`: absent counts as off. */
export const notOn = (v: unknown): boolean => !isTrue(v);
/** Set to a non-empty value. */
export const present = (v: unknown): boolean => isSet(v);
/** A number (or numeric string) of at least `min`. */
export const atLeast =
  (min: number) =>
  (v: unknown): boolean =>
    // Number(undefined) is NaN, which no comparison accepts; null and "" would count as 0.
    v !== null && v !== "" && Number(v) >= min;
/** A number (or numeric string) of at most `max`, and set. */
export const atMost =
  (max: number) =>
  (v: unknown): boolean =>
    v !== null && v !== "" && Number(v) <= max;
/** One of the listed strings. */
export const oneOf =
  (allowed: readonly string[]) =>
  (v: unknown): boolean =>
    allowed.includes(v as string);
/** A non-empty list (an unknown list counts as set). */
export const nonEmpty = (v: unknown): boolean => {
  const l = list(v);
  return l === undefined || l.length > 0;
};
