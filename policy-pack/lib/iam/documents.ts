/** Where identity-based policy documents live on the IAM resource types. */
import { isUnknown } from "../props";
import { AnalyzedStatement, analyzeDocument } from "./analyze";
import { IDENTITY_POLICY_DOCS, T } from "../types";

export interface LocatedDocument {
  path: string;
  doc: unknown;
}

/** The identity-based documents of a resource: a policy's `policy`, a role's `inlinePolicies[].policy`. */
export function identityDocuments(type: string, props: Record<string, unknown>): LocatedDocument[] {
  const prop = IDENTITY_POLICY_DOCS[type];
  if (prop) return props[prop] === undefined ? [] : [{ path: prop, doc: props[prop] }];
  if (type === T.iamRole) {
    const inline = props.inlinePolicies;
    if (isUnknown(inline)) return [{ path: "inlinePolicies", doc: inline }];
    return ((inline ?? []) as Record<string, unknown>[])
      .map((p, i) => ({ path: `inlinePolicies.${i}.policy`, doc: p.policy }))
      .filter((d) => d.doc !== undefined);
  }
  return [];
}

/** The types carrying identity-based documents. */
export const IDENTITY_DOC_TYPES = [...Object.keys(IDENTITY_POLICY_DOCS), T.iamRole];

/**
 * The statements of each valid identity-based document, analyzed. A document unknown at preview
 * is reported as undecided; an invalid one is skipped (aws-iam-policy-disallow-wildcard-action
 * reports it), so the rules that read statements say nothing about it twice.
 */
export async function analyzedIdentityDocuments(r: {
  type: string;
  props: Record<string, unknown>;
  undecided(path: string, value?: unknown): void;
}): Promise<{ path: string; statements: AnalyzedStatement[] }[]> {
  const out: { path: string; statements: AnalyzedStatement[] }[] = [];
  for (const { path, doc } of identityDocuments(r.type, r.props)) {
    const a = await analyzeDocument(doc);
    if (a.ok) out.push({ path, statements: a.statements });
    else if (a.unknown) r.undecided(path, doc);
  }
  return out;
}
