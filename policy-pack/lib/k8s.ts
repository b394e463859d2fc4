/** Pod specs and containers of the Kubernetes workload kinds, by where each kind keeps its pod template. */
import { get, isUnknown } from "./props";
import { T, WORKLOADS } from "./types";

export type Obj = Record<string, unknown>;

export interface Container {
  /** e.g. spec.template.spec.containers[app] */
  where: string;
  c: Obj;
  init: boolean;
}

const TEMPLATE_PATH: Record<string, string> = {
  [T.pod]: "spec",
  [T.deployment]: "spec.template.spec",
  [T.statefulSet]: "spec.template.spec",
  [T.daemonSet]: "spec.template.spec",
  [T.job]: "spec.template.spec",
  [T.cronJob]: "spec.jobTemplate.spec.template.spec",
  [T.rollout]: "spec.template.spec",
};

export const WORKLOAD_TYPES = [...WORKLOADS];

/** The pod spec and its path, or the path of an unknown value. */
export function podSpec(type: string, props: Obj): { path: string; spec: Obj } | { unknownAt: string; value: unknown } {
  const path = TEMPLATE_PATH[type];
  const spec = get(props, path);
  if (isUnknown(spec)) return { unknownAt: path, value: spec };
  return { path, spec: (spec ?? {}) as Obj };
}

/** Containers, init containers and ephemeral (debug) containers of a pod spec. */
export function containers(path: string, spec: Obj): Container[] | { unknownAt: string; value: unknown } {
  const out: Container[] = [];
  for (const [key, init] of [
    ["containers", false],
    ["initContainers", true],
    ["ephemeralContainers", true],
  ] as const) {
    const list = spec[key];
    if (isUnknown(list)) return { unknownAt: `${path}.${key}`, value: list };
    for (const c of (list ?? []) as Obj[]) out.push({ where: `${path}.${key}[${String(c.name ?? "?")}]`, c, init });
  }
  return out;
}

/**
 * Runs `check` for every container of a workload, handling unknown pod specs; `check` returns a
 * problem message or undefined.
 */
export function eachContainer(
  r: { type: string; props: Obj; report(m: string): void; undecided(p: string, v?: unknown): void },
  check: (c: Container, pod: Obj) => string | undefined,
): void {
  const pod = podSpec(r.type, r.props);
  if ("unknownAt" in pod) return r.undecided(pod.unknownAt, pod.value);
  const cs = containers(pod.path, pod.spec);
  if (!Array.isArray(cs)) return r.undecided(cs.unknownAt, cs.value);
  for (const c of cs) {
    const problem = check(c, pod.spec);
    if (problem) r.report(`${c.where}: ${problem}`);
  }
}

/** The pod template's metadata (annotations live there), or the path of an unknown value. */
export function podMetadata(type: string, props: Obj): { path: string; meta: Obj } | { unknownAt: string; value: unknown } {
  const spec = TEMPLATE_PATH[type];
  const path = spec === "spec" ? "metadata" : `${spec.slice(0, -".spec".length)}.metadata`;
  const meta = get(props, path);
  if (isUnknown(meta)) return { unknownAt: path, value: meta };
  return { path, meta: (meta ?? {}) as Obj };
}

/**
 * A security-context setting as it applies to a container: the container's own value, else the
 * pod's (Kubernetes' precedence). Returns the unknown sentinel when either read is unknown.
 */
export function effective(pod: Obj, c: Obj, key: string): unknown {
  const own = get(c, `securityContext.${key}`);
  if (own !== undefined) return own;
  return get(pod, `securityContext.${key}`);
}
