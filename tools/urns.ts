/**
 * URNs as the Pulumi engine computes them, and the URN snapshot guard.
 *
 * Why: `pulumi up` identifies a resource by its URN. When a refactor changes the URN of a stateful
 * resource (a new logical name, a new parent, a new component type) without an alias, the engine
 * plans a delete of the old URN and a create of the new one: the data is gone. The guard compares
 * each stack's URNs with a committed snapshot (test/snapshots/<stack>.urns.json).
 *
 * Mock URNs differ from the engine's: the mock monitor (@pulumi/pulumi runtime/mocks.js newUrn)
 * prefixes a child's type with only the last segment of its parent's type, and keeps
 * `pulumi:pulumi:Stack$` for children of the stack. The engine (sdk/go/common/resource/urn.go
 * NewURN) prefixes the parent's whole qualified type and leaves out the root stack type. So every
 * URN the plan and the snapshot show is recomputed here the engine's way.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { AliasRecord, RegisteredResource, StackRun } from "./harness";
import { ROOT } from "./root";
export const SNAPSHOT_DIR = path.join(ROOT, "test", "snapshots");
import { STATEFUL_TYPES } from "../policy-pack/policies/stack/stateful-resource-require-protect";

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The stateful types, from the pack's protect policy (one list for the pack and this guard). */
export { STATEFUL_TYPES };

function urnOf(stack: string, project: string, parentUrn: string | null, type: string, name: string): string {
  const parentType = parentUrn ? parentUrn.split("::")[2] : "";
  const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Resolves a resource's alias records to URNs the way the engine does (resource.Alias.GetURN). */
export function aliasUrns(r: RegisteredResource, project: string, stack: string): string[] {
  return (r.aliases ?? []).map((a: AliasRecord) => {
    if ("urn" in a) return a.urn;
    const parent = a.noParent ? null : (a.parentUrn ?? r.parent);
    return urnOf(a.stack ?? stack, a.project ?? project, parent, a.type ?? r.type, a.name ?? r.name);
  });
}

/**
 * The run with every URN (own, parent, provider, dependencies, aliases' parents, URN-valued
 * inputs and outputs) rewritten to the engine's form. Registration order guarantees a parent is
 * mapped before its children.
 */
export function withEngineUrns(run: StackRun): StackRun {
  // The mock monitor qualifies a type with the parent's last type only, so two components of one
  // type in different parents (the home and the DR network) give their children equal mock URNs:
  // each resource's own URN is computed from its own parent, not looked up by its mock URN.
  const map = new Map<string, string>();
  const own = run.resources.map((r) => {
    const urn = urnOf(run.stack, run.project, r.parent ? (map.get(r.parent) ?? r.parent) : null, r.type, r.name);
    map.set(r.urn, urn);
    return urn;
  });
  const m = (u: string) => map.get(u) ?? u;
  const deep = (v: unknown): unknown => {
    if (typeof v === "string") return map.get(v) ?? v;
    if (Array.isArray(v)) return v.map(deep);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]));
    return v;
  };
  const resources = run.resources.map((r, i) => ({
    ...r,
    urn: own[i],
    parent: r.parent ? m(r.parent) : null,
    provider: r.provider ? m(r.provider) : null,
    providers: Object.fromEntries(Object.entries(r.providers).map(([k, v]) => [k, m(v)])),
    dependencies: r.dependencies.map(m),
    inputs: deep(r.inputs) as Record<string, unknown>,
    ...(r.propertyDependencies
      ? { propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(m)])) }
      : {}),
    ...(r.aliases
      ? { aliases: r.aliases.map((a) => ("parentUrn" in a && a.parentUrn ? { ...a, parentUrn: m(a.parentUrn) } : a)) }
      : {}),
  }));
  return {
    ...run,
    resources,
    outputs: deep(run.outputs) as Record<string, unknown>,
    componentOutputs: Object.fromEntries(
      Object.entries(run.componentOutputs).map(([k, v]) => [m(k), deep(v) as Record<string, unknown>]),
    ),
  };
}

/** The snapshot file of a stack: its resource URNs, sorted. */
export interface UrnSnapshot {
  stack: string;
  urns: string[];
}

export function snapshotFile(stack: string, dir = SNAPSHOT_DIR): string {
  return path.join(dir, `${stack}.urns.json`);
}

export function makeSnapshot(run: StackRun): UrnSnapshot {
  return { stack: run.stack, urns: run.resources.map((r) => r.urn).sort() };
}

export function readSnapshot(stack: string, dir = SNAPSHOT_DIR): UrnSnapshot | undefined {
  const file = snapshotFile(stack, dir);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as UrnSnapshot) : undefined;
}

export function writeSnapshot(snapshot: UrnSnapshot, dir = SNAPSHOT_DIR): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = snapshotFile(snapshot.stack, dir);
  fs.writeFileSync(file, JSON.stringify(snapshot, null, 2) + "\n");
  return file;
}

function typeOfUrn(urn: string): string {
  return urn.split("::")[2].split("$").pop() ?? "";
}

function nameOfUrn(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/**
 * The stateful URNs of the snapshot that the run (engine URNs) neither registers nor aliases, each
 * as a message that names the resource and the fix. Empty: `pulumi up` would replace no data.
 */
export function lostStatefulResources(snapshot: UrnSnapshot, run: StackRun): string[] {
  const current = new Set(run.resources.map((r) => r.urn));
  const aliased = new Set(run.resources.flatMap((r) => aliasUrns(r, run.project, run.stack)));
  const problems: string[] = [];
  for (const old of snapshot.urns) {
    const type = typeOfUrn(old);
    const kind = STATEFUL_TYPES.get(type);
    if (!kind || current.has(old) || aliased.has(old)) continue;
    const name = nameOfUrn(old);
    const candidates = run.resources.filter((r) => r.type === type && !snapshot.urns.includes(r.urn));
    const successor = candidates.length === 1 ? candidates[0] : undefined;
    const parentQualified = old.split("::")[2].split("$").slice(0, -1).join("$");
    const parentHint = parentQualified
      ? `the parent of type ${parentQualified}`
      : "no parent (use parent: pulumi.rootStackResource)";
    problems.push(
      `stack "${run.stack}": the ${kind} ${type} "${name}" (${old}) is no longer registered` +
        (successor ? `; it looks renamed to ${successor.urn}` : "") +
        `. \`pulumi up\` would delete it and create a new one. Fix: add \`aliases: [{ name: "${name}" }]\`` +
        ` (plus \`parent\`/\`type\` if those changed too; the old URN had ${parentHint}) to the resource's options,` +
        ` or, if the replacement is intended, update the snapshot deliberately with \`npm run snapshot:urns\`.`,
    );
  }
  return problems;
}
