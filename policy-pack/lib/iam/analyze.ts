/**
 * Statement-level analysis shared by the IAM, KMS and S3 policies: expands every action pattern
 * once and answers the questions the policies ask.
 */
import { CatalogueAction, clearCatalogueCache, expandAction, Expansion, MUTATING } from "./catalogue";
import { parsePolicyDocument, Statement } from "./document";

export interface AnalyzedStatement {
  statement: Statement;
  expansions: Expansion[];
  /** Grants every action of every service: `*`, a service wildcard, or an Allow with NotAction. */
  allActions: boolean;
  /** Applies to every resource: `Resource: "*"` or any `NotResource`. */
  allResources: boolean;
}

export type Analysis = { ok: true; statements: AnalyzedStatement[] } | { ok: false; unknown: boolean; error: string };

const cache = new Map<string, Promise<Expansion>>();
function expand(p: string): Promise<Expansion> {
  let e = cache.get(p);
  if (!e) {
    e = expandAction(p);
    cache.set(p, e);
  }
  return e;
}

/** Forgets every expansion and loaded service (tests; see clearCatalogueCache). */
export function clearExpansionCache(): void {
  cache.clear();
  clearCatalogueCache();
}

export async function analyzeDocument(doc: unknown): Promise<Analysis> {
  const parsed = parsePolicyDocument(doc);
  if (!parsed.ok) return parsed;
  const statements = await Promise.all(
    parsed.statements.map(async (s) => {
      const patterns = s.actions ?? s.notActions ?? [];
      const expansions = await Promise.all(patterns.map(expand));
      return {
        statement: s,
        expansions,
        allActions: s.notActions !== undefined || expansions.some((e) => e.all),
        allResources: s.notResources !== undefined || s.resources?.includes("*") === true,
      };
    }),
  );
  return { ok: true, statements };
}

/** Actions of an Allow statement (not NotAction) that are expanded from the catalogue. */
export function grantedActions(a: AnalyzedStatement): CatalogueAction[] {
  if (a.statement.effect !== "Allow" || a.statement.notActions) return [];
  return a.expansions.flatMap((e) => e.matches);
}

/** Mutating actions an Allow statement grants on every resource, leaving out actions AWS cannot scope. */
export function mutatingOnAllResources(a: AnalyzedStatement): string[] {
  if (a.statement.effect !== "Allow" || !a.allResources) return [];
  if (a.allActions) return ["*"];
  // An action scoped by one of its own service-specific condition keys (e.g. cloudwatch:PutMetricData
  // limited by `cloudwatch:namespace`) is as narrow as the service allows on "*".
  const conditioned = new Set(Object.values(a.statement.condition).flatMap((kv) => Object.keys(kv).map((k) => k.toLowerCase())));
  return (
    grantedActions(a)
      // Stryker disable next-line MethodExpression: equivalent at the pinned catalogue: no action joins Read or List with a mutating level, so "some level mutates" and "every level mutates" agree.
      .filter((x) => !x.wildcardOnly && x.accessLevels.some((l) => MUTATING.has(l)))
      .filter((x) => !x.conditionKeys.some((k) => !k.startsWith("aws:") && conditioned.has(k)))
      .map((x) => x.action)
  );
}

/** Patterns naming no existing action (typos), in Allow and Deny statements alike. */
export function unknownPatterns(a: AnalyzedStatement): string[] {
  return a.expansions.filter((e) => e.unknown).map((e) => e.pattern);
}

/** Short list for messages: the first few items and a count. */
export function sample(items: string[], n = 5): string {
  const uniq = [...new Set(items)];
  return uniq.length <= n ? uniq.join(", ") : `${uniq.slice(0, n).join(", ")} and ${uniq.length - n} more`;
}
