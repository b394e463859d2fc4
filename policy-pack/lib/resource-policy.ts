/**
 * Resource-based policies (queue, topic, repository, event bus, vault, Lambda permission
 * documents): who may act on the resource. A "*" principal is public unless a condition binds it
 * to an account, organisation, source ARN or network (the keys `isStrictlyConditioned` accepts).
 */
import type { Checked } from "./checks";
import { isPublicPrincipal, isStrictlyConditioned, parsePolicyDocument, type Statement } from "./iam/document";

/** Parses `props[prop]`; reports an invalid document, records an unknown one; undefined when absent. */
function statements(r: Checked, prop: string, what: string): Statement[] | undefined {
  const raw = r.props[prop];
  if (raw === undefined || raw === null) return undefined;
  const doc = parsePolicyDocument(raw);
  if (doc.ok) return doc.statements;
  if (doc.unknown) r.undecided(prop, raw);
  else r.report(`The ${what} is invalid: ${doc.error}.`);
  return undefined;
}

/** Reports every Allow statement of the document at `prop` that grants "*" without a binding condition. */
export function noPublicStatements(r: Checked, prop: string, what: string): void {
  const all = statements(r, prop, what);
  if (!all) return;
  for (const s of all) {
    if (s.effect === "Allow" && isPublicPrincipal(s.principals) && !isStrictlyConditioned(s))
      r.report(
        `${what}: statement ${s.sid ?? "(no Sid)"} allows principal "*" without an account, organisation, source or network condition.`,
      );
  }
}

/** Reports every Allow statement of the document at `prop` whose actions include `*` or `<service>:*`. */
export function noWildcardActions(r: Checked, prop: string, what: string): void {
  const all = statements(r, prop, what);
  if (!all) return;
  for (const s of all) {
    const wild = s.actions?.filter((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a)) ?? [];
    if (s.effect === "Allow" && (wild.length > 0 || s.notActions !== undefined))
      r.report(
        `${what}: statement ${s.sid ?? "(no Sid)"} allows ${wild.length > 0 ? wild.join(", ") : "NotAction (everything but a list)"}; name the actions.`,
      );
  }
}
