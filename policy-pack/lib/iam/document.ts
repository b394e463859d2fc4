/**
 * IAM policy documents as AWS accepts them: a JSON string or an object; `Statement` an object or
 * an array; `Action`/`NotAction`, `Resource`/`NotResource` a string or an array; `Principal` the
 * string "*" or a map of type -> string | string[].
 */
import { isUnknown, UNKNOWN_STRING } from "../props";

export interface Principal {
  /** "*" (anyone), or a type such as AWS, Service, Federated, CanonicalUser. */
  type: string;
  values: string[];
}

export interface Statement {
  sid?: string;
  effect: "Allow" | "Deny";
  /** Set when the statement uses Action. */
  actions?: string[];
  /** Set when the statement uses NotAction. */
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: Principal[];
  notPrincipals?: Principal[];
  condition: Record<string, Record<string, string[]>>;
}

export type ParseResult = { ok: true; statements: Statement[] } | { ok: false; unknown: boolean; error: string };

function strings(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  return (Array.isArray(v) ? v : [v]).map(String);
}

function principals(v: unknown): Principal[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (v === "*") return [{ type: "*", values: ["*"] }];
  if (typeof v !== "object") return [{ type: "AWS", values: [String(v)] }];
  return Object.entries(v as Record<string, unknown>).map(([type, values]) => ({ type, values: strings(values) ?? [] }));
}

function condition(v: unknown): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [op, kv] of Object.entries((v ?? {}) as Record<string, unknown>)) {
    out[op] = {};
    for (const [k, val] of Object.entries((kv ?? {}) as Record<string, unknown>)) out[op][k] = strings(val) ?? [];
  }
  return out;
}

/** Parses a document; an unknown (preview) document or one with unknown parts is reported as such. */
export function parsePolicyDocument(doc: unknown): ParseResult {
  if (isUnknown(doc)) return { ok: false, unknown: true, error: "document unknown at preview" };
  let obj: unknown = doc;
  if (typeof doc === "string") {
    // A document built with pulumi.jsonStringify over unknown outputs is itself unknown at
    // preview; a partially known string cannot occur (the engine sends the whole string as unknown).
    if (doc.includes(UNKNOWN_STRING)) return { ok: false, unknown: true, error: "document unknown at preview" };
    try {
      obj = JSON.parse(doc);
    } catch (e) {
      return { ok: false, unknown: false, error: `not valid JSON: ${(e as Error).message}` };
    }
  }
  if (!obj || typeof obj !== "object") return { ok: false, unknown: false, error: "not a policy document" };
  const raw = (obj as Record<string, unknown>).Statement;
  if (isUnknown(raw)) return { ok: false, unknown: true, error: "Statement unknown at preview" };
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const statements: Statement[] = [];
  for (const s of list as Record<string, unknown>[]) {
    if (Object.values(s).some(isUnknown)) return { ok: false, unknown: true, error: "statement unknown at preview" };
    statements.push({
      sid: s.Sid as string | undefined,
      effect: s.Effect === "Deny" ? "Deny" : "Allow",
      actions: strings(s.Action),
      notActions: strings(s.NotAction),
      resources: strings(s.Resource),
      notResources: strings(s.NotResource),
      principals: principals(s.Principal),
      notPrincipals: principals(s.NotPrincipal),
      condition: condition(s.Condition),
    });
  }
  return { ok: true, statements };
}

/** True when a principal list grants anyone: "*" or {AWS: "*"}. */
export function isPublicPrincipal(ps: Principal[] | undefined): boolean {
  return ps !== undefined && ps.some((p) => (p.type === "*" || p.type === "AWS") && p.values.includes("*"));
}

/**
 * True when the statement is scoped by tags (attribute-based access control): a condition on
 * `aws:ResourceTag/...`, `aws:RequestTag/...` or a service's `<svc>:ResourceTag/...`. Controllers
 * that create resources whose ARNs are not known in advance (the AWS Load Balancer Controller,
 * Karpenter) scope their `Resource: "*"` statements this way, as their published policies do.
 */
export function isTagScoped(s: Statement): boolean {
  return Object.values(s.condition).some((kv) => Object.keys(kv).some((k) => /:(ResourceTag|RequestTag)\//i.test(k)));
}

/** Condition keys that restrict a "*" principal to our own organisation, account or network. */
const RESTRICTING_KEYS = [
  "aws:principalorgid",
  "aws:principalaccount",
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:sourcevpce",
  "aws:sourcevpc",
  "aws:principalarn",
  "kms:calleraccount",
  "kms:viaservice",
];

/**
 * True when a condition restricts who the statement applies to (allowed for a "*" principal).
 * Only the plain operators count: `...IfExists` is true when the request lacks the key, and the
 * `ForAnyValue:` / `ForAllValues:` set operators are meant for multivalued keys (`ForAllValues`
 * is true when the key is absent), so neither restricts anyone.
 */
export function isStrictlyConditioned(s: Statement): boolean {
  for (const [op, kv] of Object.entries(s.condition)) {
    if (!/^(StringEquals|ArnEquals|ArnLike|StringLike)$/i.test(op)) continue;
    for (const [k, values] of Object.entries(kv)) {
      if (RESTRICTING_KEYS.includes(k.toLowerCase()) && values.length > 0 && !values.some((v) => v === "*")) return true;
    }
  }
  return false;
}
