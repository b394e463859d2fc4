/**
 * A test evaluator of the content filters EventBridge and SNS apply, so a finding's path to people
 * (event -> rule pattern -> input transformer -> message -> subscription filter policy) can be run
 * offline. No npm package implements these semantics (EventBridge's own engine, aws/event-ruler, is
 * Java; `TestEventPattern` needs an AWS account), so this follows the documented rules and is
 * itself tested on the documentation's examples (test/components/alert-routing.test.ts):
 *
 * - EventBridge user guide, "Creating event patterns" and "Content filtering in Amazon EventBridge
 *   event patterns" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html,
 *   .../eb-event-patterns-content-based-filtering.html): a pattern is an object whose leaves are
 *   arrays of matchers; a field matches when any matcher matches (for an array value: any element);
 *   every field of the pattern must match (AND); `$or` takes alternatives; exact values match
 *   exactly; `prefix`, `suffix`, `equals-ignore-case`, `wildcard`, `anything-but` (value, list,
 *   prefix, suffix, wildcard, equals-ignore-case), `numeric` (comparison pairs), `exists`, `cidr`.
 *   A field absent from the event matches only `exists: false`.
 * - SNS developer guide, "Amazon SNS message filtering", "Amazon SNS subscription filter policy
 *   scope" and the filter-policy operator pages (https://docs.aws.amazon.com/sns/latest/dg/message-filtering.html,
 *   .../sns-message-filtering-scope.html, .../example-filter-policies.html): with
 *   `FilterPolicyScope: MessageBody` the same operators apply to the message body, which must be a
 *   well-formed JSON object; a subscription without a filter policy receives every message.
 * - EventBridge user guide, "Amazon EventBridge input transformation"
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html):
 *   `InputPathsMap` names JSON paths of the event; each `<name>` in `InputTemplate` is replaced by
 *   the value at its path, as JSON (a string keeps its quotes, escaped) when the placeholder is not
 *   inside quotes.
 */

type Json = unknown;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** True when `event` (an EventBridge event or a JSON message body) matches `pattern`. */
export function matches(pattern: Obj, event: Json): boolean {
  if (!isObj(event)) return false;
  return Object.entries(pattern).every(([key, sub]) => {
    if (key === "$or") return (sub as Obj[]).some((alt) => matches(alt, event));
    const present = Object.prototype.hasOwnProperty.call(event, key);
    const value = event[key];
    if (Array.isArray(sub)) return fieldMatches(sub, present, value);
    if (isObj(sub)) {
      // A nested pattern over an object value; an absent object matches only if every leaf says exists:false.
      if (isObj(value)) return matches(sub, value);
      if (Array.isArray(value)) return value.some((v) => isObj(v) && matches(sub, v));
      return !present && absentMatches(sub);
    }
    throw new Error(`invalid pattern at ${key}: ${JSON.stringify(sub)} (leaves are arrays)`);
  });
}

function absentMatches(pattern: Obj): boolean {
  return Object.entries(pattern).every(([k, sub]) => {
    if (k === "$or") return (sub as Obj[]).some(absentMatches);
    if (Array.isArray(sub)) return fieldMatches(sub, false, undefined);
    return isObj(sub) && absentMatches(sub);
  });
}

function fieldMatches(matchers: unknown[], present: boolean, value: unknown): boolean {
  if (!present) return matchers.some((m) => isObj(m) && m.exists === false);
  const values = Array.isArray(value) ? value : [value];
  return matchers.some((m) => {
    if (isObj(m) && "exists" in m) return m.exists === true;
    return values.some((v) => leafMatches(m, v));
  });
}

function stringOp(op: string, arg: unknown, v: unknown): boolean {
  if (typeof v !== "string") return false;
  // prefix/suffix may wrap equals-ignore-case: {"prefix": {"equals-ignore-case": "x"}}.
  const ci = isObj(arg) && "equals-ignore-case" in arg;
  const a = String(ci ? (arg as Obj)["equals-ignore-case"] : arg);
  const [s, t] = ci ? [v.toLowerCase(), a.toLowerCase()] : [v, a];
  switch (op) {
    case "prefix":
      return s.startsWith(t);
    case "suffix":
      return s.endsWith(t);
    case "equals-ignore-case":
      return v.toLowerCase() === a.toLowerCase();
    case "wildcard":
      return new RegExp(`^${a.split("*").map(escapeRegExp).join(".*")}$`, "s").test(v);
    default:
      throw new Error(`unknown string operator ${op}`);
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function leafMatches(m: unknown, v: unknown): boolean {
  if (!isObj(m)) return m === v; // exact: strings, numbers, booleans, null
  const [op, arg] = Object.entries(m)[0] ?? [];
  switch (op) {
    case "prefix":
    case "suffix":
    case "equals-ignore-case":
    case "wildcard":
      return stringOp(op, arg, v);
    case "numeric":
      return typeof v === "number" && numeric(arg as (string | number)[], v);
    case "cidr":
      return typeof v === "string" && inCidr(String(arg), v);
    case "anything-but": {
      if (isObj(arg)) {
        const [inner, innerArg] = Object.entries(arg)[0];
        const list = Array.isArray(innerArg) ? innerArg : [innerArg];
        return typeof v === "string" && !list.some((x) => stringOp(inner, x, v));
      }
      const list = Array.isArray(arg) ? arg : [arg];
      return !list.some((x) => x === v);
    }
    default:
      throw new Error(`unknown operator ${String(op)}`);
  }
}

function numeric(spec: (string | number)[], v: number): boolean {
  for (let i = 0; i < spec.length; i += 2) {
    const [op, n] = [spec[i], Number(spec[i + 1])];
    const ok =
      op === "<" ? v < n : op === "<=" ? v <= n : op === ">" ? v > n : op === ">=" ? v >= n : op === "=" ? v === n : null;
    if (ok === null) throw new Error(`unknown numeric operator ${op}`);
    if (!ok) return false;
  }
  return true;
}

function inCidr(cidr: string, ip: string): boolean {
  const toInt = (a: string) => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  const [base, bits] = cidr.split("/");
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toInt(ip) / size) === Math.floor(toInt(base) / size);
}

/** The value at a JSON path of the form `$.a.b`, `$.a[0].b` or `$.detail-type`; undefined if absent. */
export function atPath(event: Json, path: string): unknown {
  if (path === "$") return event;
  const steps = path.replace(/^\$\.?/, "").match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let cur: unknown = event;
  for (const step of steps) {
    if (cur === undefined || cur === null) return undefined;
    cur = step.startsWith("[") ? (cur as unknown[])[Number(step.slice(1, -1))] : (cur as Obj)[step];
  }
  return cur;
}

/** What an EventBridge target with this input transformer receives for `event` (a string). */
export function transform(t: { inputPaths: Record<string, string>; inputTemplate: string }, event: Json): string {
  return t.inputTemplate.replace(/<([A-Za-z0-9_.-]+)>/g, (whole, name: string) => {
    if (!(name in t.inputPaths)) return whole; // not a declared variable: left as written
    const v = atPath(event, t.inputPaths[name]);
    return v === undefined ? "null" : JSON.stringify(v);
  });
}

/** Whether an SNS subscription with this filter policy (scope MessageBody) receives `message`. */
export function snsBodyFilterAccepts(filterPolicy: Obj | undefined, message: string): boolean {
  if (filterPolicy === undefined) return true;
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    return false; // body filtering assumes a well-formed JSON object
  }
  return matches(filterPolicy, body);
}
