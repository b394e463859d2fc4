/**
 * Cross-resource references in a stack. A program passes one resource's output to another's input
 * (`kmsKeyId: key.arn`); the engine records that as a property dependency, and once known the
 * value is the target's arn/id/name. A reference is matched by either, so it is found at preview
 * (values unknown, dependencies known) and on state exported from a deployed stack (values known).
 */
import type { StackResource } from "./policy";
import { isUnknown } from "./props";

/** True when `src.props[prop]` refers to `target` (dependency or equal known value). */
export function refersTo(
  src: StackResource,
  prop: string,
  target: StackResource,
  keys: readonly string[] = ["arn", "id"],
): boolean {
  if ((src.propertyDependencies[prop] ?? []).includes(target.urn)) return true;
  // Without property dependencies (state exports, mock runs) fall back to resource dependencies.
  if (
    Object.keys(src.propertyDependencies).length === 0 &&
    src.dependencies.includes(target.urn) &&
    src.props[prop] !== undefined
  )
    return true;
  const v = src.props[prop];
  const values = (Array.isArray(v) ? v : [v]).filter((x) => typeof x === "string" && !isUnknown(x)) as string[];
  // The target's identifying values (arn, id, name-like properties): only known strings of the
  // source are compared, so an unknown or non-string identity never matches.
  const ids = keys.map((k) => target.props[k]);
  return values.some((x) => ids.includes(x));
}

export function ofTypes(resources: StackResource[], types: readonly string[]): StackResource[] {
  return resources.filter((r) => types.includes(r.type));
}
