/**
 * Speed of the stock analyzer server with a large pack. @pulumi/policy 1.21's Analyze loop
 * (server.js `makeAnalyzeRpcFun`) deserializes the request's properties from protobuf once per
 * policy it calls, and AnalyzeStack once per policy and resource: with 65 multi-type policies
 * that is most of the pack's cost per resource. The properties of one request do not change
 * between policies (no pack policy writes to them; remediation runs in its own RPC with its own
 * copy), so the deserialized value is kept per protobuf message and reused.
 *
 * The server calls `deserialize.deserializeProperties` through the module object at run time,
 * so replacing that export is enough. Checked against @pulumi/policy 1.21.0 (pinned in
 * package.json); re-check on upgrade (test/serve.test.ts fails if the hook no longer applies).
 */
const deserialize = require("@pulumi/policy/deserialize") as {
  deserializeProperties(struct: object, keepUnknowns?: boolean): unknown;
  __memoized?: boolean;
};

const stats = { hits: 0 };

/** Installs the per-message cache (idempotent). Returns the number of cache hits so far (tests). */
export function memoizeDeserialization(): { hits: () => number } {
  if (!deserialize.__memoized) {
    const original = deserialize.deserializeProperties;
    const cache = [new WeakMap<object, unknown>(), new WeakMap<object, unknown>()];
    deserialize.deserializeProperties = (struct: object, keepUnknowns?: boolean) => {
      const byMode = cache[keepUnknowns ? 1 : 0];
      if (byMode.has(struct)) {
        stats.hits++;
        return byMode.get(struct);
      }
      const value = original(struct, keepUnknowns);
      byMode.set(struct, value);
      return value;
    };
    deserialize.__memoized = true;
  }
  return { hits: () => stats.hits };
}
