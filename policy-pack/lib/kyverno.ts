/**
 * Kyverno policies (kyverno.io/v1 ClusterPolicy and Policy, as `k8s.apiextensions.CustomResource`
 * registers them) and their image verification rules. Field names and defaults are those of the
 * ClusterPolicy CRD of Kyverno 1.19 (kyverno/kyverno `config/crds/kyverno/kyverno.io_clusterpolicies.yaml`):
 * `verifyImages[].failureAction` (Audit | Enforce) overrides the deprecated
 * `spec.validationFailureAction` (default Audit); `mutateDigest`, `verifyDigest` and `required`
 * default to true; `webhookConfiguration.failurePolicy` supersedes `spec.failurePolicy` (default Fail).
 */
import { get, isUnknown, list } from "./props";

export const KYVERNO_POLICIES = ["kubernetes:kyverno.io/v1:ClusterPolicy", "kubernetes:kyverno.io/v1:Policy"] as const;

type Obj = Record<string, unknown>;

export interface VerifyImagesEntry {
  /** e.g. spec.rules[signed].verifyImages[0] */
  where: string;
  rule: Obj;
  entry: Obj;
}

/** Every verifyImages entry of a policy, or the path of an unknown value. */
export function verifyImagesEntries(props: Obj): VerifyImagesEntry[] | { unknownAt: string; value: unknown } {
  const rules = list(get(props, "spec.rules"));
  if (!rules) return { unknownAt: "spec.rules", value: get(props, "spec.rules") };
  const out: VerifyImagesEntry[] = [];
  for (const rule of rules as Obj[]) {
    if (isUnknown(rule)) return { unknownAt: "spec.rules", value: rule };
    const entries = list(rule.verifyImages);
    const at = `spec.rules[${String(rule.name ?? "?")}]`;
    if (!entries) return { unknownAt: `${at}.verifyImages`, value: rule.verifyImages };
    entries.forEach((entry, i) => out.push({ where: `${at}.verifyImages[${i}]`, rule, entry: entry as Obj }));
  }
  return out;
}

/** The action a verifyImages entry takes on failure: its own, else the policy's (default Audit). */
export function failureAction(props: Obj, entry: Obj): unknown {
  const own = entry.failureAction;
  if (own !== undefined) return own;
  const policyLevel = get(props, "spec.validationFailureAction");
  if (policyLevel === undefined) return "Audit";
  return isUnknown(policyLevel) ? policyLevel : String(policyLevel).charAt(0).toUpperCase() + String(policyLevel).slice(1);
}

/** Kyverno's wildcard match (`*` any run of characters, `?` one character), as for imageReferences and namespaces. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`).test(value);
}
