import { containers, podSpec } from "../../lib/k8s";
import { KYVERNO_POLICIES, verifyImagesEntries, wildcardMatch } from "../../lib/kyverno";
import { StackResource, stackPolicy } from "../../lib/policy";
import { get, isUnknown, list } from "../../lib/props";
import { T, WORKLOADS } from "../../lib/types";

type Obj = Record<string, unknown>;

interface Config {
  exemptNamespaces: string[];
}

const POD_KINDS = ["Pod", "v1/Pod", "*"];

/** Labels of the stack's Namespace objects, by name (for namespaceSelector.matchLabels). */
function namespaceLabels(resources: StackResource[]): Map<unknown, Obj> {
  // Keys are whatever metadata.name holds: only a workload's known namespace string is looked up.
  return new Map(
    resources
      .filter((x) => x.type === T.namespace)
      .map((r) => [get(r.props, "metadata.name"), (get(r.props, "metadata.labels") ?? {}) as Obj]),
  );
}

/** A value a decision needs is unknown at preview. */
class Undecidable {
  constructor(
    readonly at: string,
    readonly value: unknown,
  ) {}
}

/** The list at `at`; throws Undecidable when it is unknown. */
function known(value: unknown, at: string): unknown[] {
  const l = list(value);
  if (!l) throw new Undecidable(at, value);
  return l;
}

/**
 * True when one match/exclude block selects Pods in `ns`: its kinds include Pod, its namespaces
 * (wildcards) include `ns` or are absent, and its namespaceSelector's matchLabels (the only
 * selector form read here) are labels of that namespace. Blocks narrowed by names or an object
 * selector cover only some pods, so they are not counted as covering a namespace (for an exclude
 * block, the doubt goes the other way: it counts as excluding the namespace).
 */
function blockSelects(block: Obj, ns: string, labels: Map<unknown, Obj>, forExclude: boolean): boolean {
  const res = (block.resources ?? {}) as Obj;
  const kinds = known(res.kinds, "resources.kinds");
  if (kinds.length > 0 && !kinds.some((k) => POD_KINDS.includes(String(k)))) return false;
  if (kinds.length === 0 && !forExclude) return false;
  if (!forExclude && (res.names !== undefined || res.name !== undefined || res.selector !== undefined)) return false;
  const namespaces = known(res.namespaces, "resources.namespaces");
  if (namespaces.length > 0 && !namespaces.some((p) => wildcardMatch(String(p), ns))) return false;
  const sel = res.namespaceSelector as Obj | undefined;
  if (isUnknown(sel)) throw new Undecidable("resources.namespaceSelector", sel);
  if (sel !== undefined) {
    if (sel.matchExpressions !== undefined) return forExclude;
    const want = (sel.matchLabels ?? {}) as Obj;
    const have = labels.get(ns);
    if (!have) return forExclude;
    return Object.entries(want).every(([k, v]) => have[k] === v);
  }
  return true;
}

/** Blocks of a match or exclude clause: `any` (one suffices), `all` (every one must), or the legacy `resources`. */
function clauseSelects(clause: unknown, ns: string, labels: Map<unknown, Obj>, forExclude: boolean): boolean {
  if (typeof clause !== "object" || clause === null) return false;
  const c = clause as Obj;
  const any = known(c.any, "any");
  const all = known(c.all, "all");
  if (any.some((b) => blockSelects(b as Obj, ns, labels, forExclude))) return true;
  if (all.length > 0 && all.every((b) => blockSelects(b as Obj, ns, labels, forExclude))) return true;
  return c.resources !== undefined && blockSelects(c, ns, labels, forExclude);
}

export const kyvernoWorkloadCoverage = stackPolicy<Config>({
  name: "kubernetes-kyverno-workload-require-verified-images",
  description:
    "Every image a workload of the stack runs (outside exempt system namespaces) is matched by a Kyverno verifyImages rule that selects Pods in its namespace.",
  severity: "high",
  topic: "supply-chain",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    "Add the workload's namespace to the ClusterPolicy's match (resources.kinds [Pod], namespaces) and its image repository to verifyImages[].imageReferences.",
  config: {
    exemptNamespaces: {
      type: "array",
      items: { type: "string" },
      default: ["kube-system", "kube-public", "kube-node-lease"],
      description: "Namespaces whose workloads need no signature verification (wildcards allowed).",
    },
  },
  validate: (s) => {
    const labels = namespaceLabels(s.resources);
    const policies = s.resources.filter((r) => (KYVERNO_POLICIES as readonly string[]).includes(r.type));
    for (const w of s.resources.filter((r) => (WORKLOADS as readonly string[]).includes(r.type))) {
      const rawNs = get(w.props, "metadata.namespace");
      if (isUnknown(rawNs)) {
        s.undecided("metadata.namespace", rawNs);
        continue;
      }
      const ns = typeof rawNs === "string" && rawNs !== "" ? rawNs : "default";
      if (s.config.exemptNamespaces.some((p) => wildcardMatch(p, ns))) continue;
      const pod = podSpec(w.type, w.props);
      if ("unknownAt" in pod) {
        s.undecided(pod.unknownAt, pod.value);
        continue;
      }
      const cs = containers(pod.path, pod.spec);
      if (!Array.isArray(cs)) {
        s.undecided(cs.unknownAt, cs.value);
        continue;
      }
      for (const { where, c } of cs) {
        const image = c.image;
        if (isUnknown(image) || typeof image !== "string") {
          s.undecided(`${where}.image`, image);
          continue;
        }
        let undecided = false;
        const covered = policies.some((p) => {
          if (p.type.endsWith(":Policy") && get(p.props, "metadata.namespace") !== ns) return false;
          const entries = verifyImagesEntries(p.props);
          if (!Array.isArray(entries)) {
            s.undecided(`${p.name} ${entries.unknownAt}`, entries.value);
            undecided = true;
            // Stryker disable next-line BooleanLiteral: equivalent: "covered" and "undecided" both leave the workload unreported.
            return false;
          }
          return entries.some(({ where, rule, entry }) => {
            try {
              if (!clauseSelects(rule.match, ns, labels, false) || clauseSelects(rule.exclude, ns, labels, true)) return false;
              const refs = known(entry.imageReferences, "imageReferences").concat(known(entry.image, "image"));
              const skips = known(entry.skipImageReferences, "skipImageReferences");
              return (
                refs.some((ref) => wildcardMatch(String(ref), image)) && !skips.some((sk) => wildcardMatch(String(sk), image))
              );
            } catch (e) {
              // Stryker disable next-line ConditionalExpression: equivalent: nothing else in the block throws on JSON input.
              if (!(e instanceof Undecidable)) throw e;
              s.undecided(`${p.name} ${where} ${e.at}`, e.value);
              undecided = true;
              // Stryker disable next-line BooleanLiteral: equivalent: "covered" and "undecided" both leave the workload unreported.
              return false;
            }
          });
        });
        if (!covered && !undecided)
          s.report(
            `${w.type} ${w.name} (namespace ${ns}) runs ${image}, which no Kyverno verifyImages rule for Pods in ${ns} verifies. Cover the namespace and the image's repository.`,
            w.urn,
          );
      }
    }
  },
});
