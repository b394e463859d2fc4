/**
 * Custom resources checked against their CRD's own `openAPIV3Schema` (vendored in
 * test/fixtures/crds/ from the charts' repositories at the pinned versions; sources.json says
 * where each came from) with ajv, strictly: an unknown field is an error, as it is for
 * `kubectl apply --validate=strict`, instead of being pruned silently by the API server.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv, { ErrorObject } from "ajv";

type Schema = Record<string, unknown>;
const DIR = path.join(__dirname, "..", "fixtures", "crds");
export const CRD_SCHEMAS = JSON.parse(fs.readFileSync(path.join(DIR, "sources.json"), "utf8")) as Record<
  string,
  { kind: string; group: string; version: string }
>;

/** Closes every object schema with properties (unless it preserves unknown fields) and maps Kubernetes extensions. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== "object") return schema;
  const s: Schema = {};
  for (const [k, v] of Object.entries(schema as Schema)) {
    if (k.startsWith("x-kubernetes-")) continue;
    s[k] = k === "properties" ? Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, strict(ps)])) : strict(v);
  }
  const o = schema as Schema;
  if (o["x-kubernetes-int-or-string"]) {
    delete s.type;
    return { ...s, anyOf: [{ type: "integer" }, { type: "string" }] };
  }
  if (o.properties && !o["x-kubernetes-preserve-unknown-fields"] && s.additionalProperties === undefined)
    s.additionalProperties = false;
  return s;
}

const ajv = new Ajv({ strict: false, allErrors: true });
/**
 * The formats the vendored schemas use, as the API server checks them (kubernetes/kube-openapi
 * pkg/validation/strfmt and pkg/validation/validate, which bound int32 and int64): ajv knows none of
 * them by default and warns about each unknown one instead of checking it.
 */
const integerIn = (min: number, max: number) => (n: number) => Number.isInteger(n) && n >= min && n <= max;
ajv.addFormat("int32", { type: "number", validate: integerIn(-(2 ** 31), 2 ** 31 - 1) });
ajv.addFormat("int64", { type: "number", validate: integerIn(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) });
ajv.addFormat("date-time", {
  type: "string",
  validate: (s: string) =>
    /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
});
ajv.addFormat("byte", { type: "string", validate: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/ });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Errors of `object` (a whole custom resource) against the CRD of its kind; [] when valid. */
export function crdErrors(object: { apiVersion: string; kind: string } & Record<string, unknown>): string[] {
  const entry = Object.entries(CRD_SCHEMAS).find(
    ([, s]) => s.kind === object.kind && object.apiVersion === `${s.group}/${s.version}`,
  );
  if (!entry) throw new Error(`no vendored CRD schema for ${object.apiVersion} ${object.kind}`);
  const [file] = entry;
  let validate = validators.get(file);
  if (!validate) {
    const schema = strict(JSON.parse(fs.readFileSync(path.join(DIR, `${file}.json`), "utf8"))) as Schema;
    // metadata is the API server's ObjectMeta, not part of the CRD's schema.
    validate = ajv.compile({ ...schema, properties: { ...(schema.properties as Schema), metadata: { type: "object" } } });
    validators.set(file, validate);
  }
  return validate(object)
    ? []
    : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}
