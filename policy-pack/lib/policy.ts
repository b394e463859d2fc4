/**
 * The pack's policy framework: one typed declaration per policy (metadata, controls, config with
 * defaults, validation) turned into the plain @pulumi/policy objects the server runs.
 *
 * Why a framework and not bare ResourceValidationPolicy objects:
 * - the CLI applies `configSchema` defaults, but offline (tests, the gRPC runner) `getConfig()`
 *   returns `{}`; `readConfig` applies the defaults itself, so a policy always sees full config;
 * - policies read raw properties (see props.ts) and mark what they could not decide with
 *   `undecided(path)`: known violations are always reported, and only when nothing was reported
 *   does an undecided value become the server's advisory "can't run policy ... during preview";
 * - every policy carries the same metadata (severity, remediation, controls, topic, category),
 *   which tests check and the README table is rendered from.
 */
import type {
  EnforcementLevel,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { isUnknown, UNKNOWN_STRING, UnknownValueError, unwrap } from "./props";

/**
 * A control id: `CIS-AWS-3.0:<id>` / `CIS-AWS-5.0:<id>` (CIS AWS Foundations Benchmark v3.0.0 /
 * v5.0.0), `PCI-DSS-4.0.1:<requirement>` (PCI DSS v4.0.1) or `FSBP:<control>` (AWS Security Hub
 * Foundational Security Best Practices, e.g. `FSBP:RDS.3`). docs/policies.md names the public
 * source each id was checked against.
 */
export type Control = `CIS-AWS-3.0:${string}` | `CIS-AWS-5.0:${string}` | `PCI-DSS-4.0.1:${string}` | `FSBP:${string}`;

/** What a policy protects; used to group the README table and docs. */
export type Topic =
  | "tagging"
  | "encryption"
  | "least-privilege"
  | "exposure"
  | "data-protection"
  | "availability"
  | "visibility"
  | "workload"
  | "supply-chain";

/**
 * `security` rules are mandatory in every stack; `availability` and `cost` rules may be advisory
 * where the environment trades them away (dev). stacks/<stack>.policy.json follows this split.
 */
export type Category = "security" | "availability" | "cost";

/** One config property: a JSON schema with a required default (the production-safe value). */
export type ConfigProperty = PolicyConfigJSONSchema & { default: NonNullable<PolicyConfigJSONSchema["default"]> };

export interface PolicyMeta<C> {
  /** `aws-<service>-<resource>-<verb>-<what>` or `kubernetes-<kind>-<verb>-<what>`. */
  name: string;
  /** One sentence: what is required or forbidden. */
  description: string;
  severity: Severity;
  /** What to change in the program (or config) to comply. */
  remediationSteps: string;
  /** CIS AWS Foundations v3.0 / PCI DSS 4.0 controls, or `{ none: reason }` on purpose. */
  controls: Control[] | { none: string };
  topic: Topic;
  category: Category;
  /** The pack's default level; stacks/<stack>.policy.json may override it. */
  enforcementLevel?: EnforcementLevel;
  /** Thresholds and allow-lists, each with its default. */
  config?: { [K in keyof C]: ConfigProperty };
}

/** What a resource policy's `validate` sees. */
export interface ResourceContext<C> {
  type: string;
  name: string;
  urn: string;
  /** Raw properties: unknown values appear as sentinels (test them with `isUnknown`). */
  props: Record<string, unknown>;
  opts: PolicyResourceOptions;
  /** Config with the schema defaults applied. */
  config: C;
  /** Reports a violation; the message says what was found and what to do. */
  report(message: string): void;
  /** Records that a value needed for a decision is unknown at preview. */
  undecided(path: string, value?: unknown): void;
}

/** One resource in a stack policy, with raw properties. */
export interface StackResource {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  opts: PolicyResourceOptions;
  parentUrn?: string;
  /** URNs this resource depends on. */
  dependencies: string[];
  /** Per input property, the URNs its value came from (how a program's references are matched). */
  propertyDependencies: Record<string, string[]>;
}

export interface StackContext<C> {
  resources: StackResource[];
  config: C;
  report(message: string, urn?: string): void;
  undecided(path: string, value?: unknown): void;
}

export interface ResourcePolicySpec<C> extends PolicyMeta<C> {
  /** The exact type tokens this policy applies to; every other type is "not applicable". */
  types: readonly string[];
  validate(r: ResourceContext<C>): void | Promise<void>;
  /** Optional safe fix: the properties to set (only run at enforcement level `remediate`). */
  remediate?(r: ResourceContext<C>): Record<string, unknown> | undefined;
}

export interface StackPolicySpec<C> extends PolicyMeta<C> {
  validate(s: StackContext<C>): void | Promise<void>;
}

/** Pack metadata kept alongside each @pulumi/policy object (tests and the README table read it). */
export interface PackMeta {
  topic: Topic;
  category: Category;
  controls: Control[] | { none: string };
  types?: readonly string[];
  kind: "resource" | "stack";
  defaults: Record<string, unknown>;
}

export type PackResourcePolicy = ResourceValidationPolicy & { meta: PackMeta };
export type PackStackPolicy = StackValidationPolicy & { meta: PackMeta };
export type PackPolicy = PackResourcePolicy | PackStackPolicy;

const NAME_RE = /^(aws|kubernetes)-[a-z0-9]+(-[a-z0-9]+){2,}$/;

function defaultsOf<C>(config: PolicyMeta<C>["config"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config ?? {})) out[k] = (v as ConfigProperty).default;
  return out;
}

/** Config as the policy sees it: schema defaults overridden by what `getConfig()` returned. */
export function readConfig<C>(defaults: Record<string, unknown>, given: object | undefined): C {
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(given ?? {})) {
    if (k !== "enforcementLevel" && v !== undefined) out[k] = v;
  }
  return out as C;
}

function common<C>(spec: PolicyMeta<C>) {
  if (!NAME_RE.test(spec.name))
    throw new Error(`policy name ${spec.name} does not follow aws-|kubernetes-<service>-<resource>-<verb>-<what>`);
  const tags = [spec.topic, spec.category];
  const cis = Array.isArray(spec.controls) ? spec.controls.filter((c) => c.startsWith("CIS-AWS-3.0:")) : [];
  return {
    name: spec.name,
    description: spec.description,
    severity: spec.severity,
    remediationSteps: spec.remediationSteps,
    enforcementLevel: spec.enforcementLevel ?? ("mandatory" as EnforcementLevel),
    tags,
    ...(cis.length > 0
      ? {
          framework: {
            name: "CIS AWS Foundations Benchmark",
            version: "3.0.0",
            reference: cis.map((c) => c.slice("CIS-AWS-3.0:".length)).join(","),
            specification: spec.description,
          },
        }
      : {}),
    ...(spec.config
      ? {
          configSchema: {
            properties: Object.fromEntries(Object.entries(spec.config).map(([k, v]) => [k, v as PolicyConfigJSONSchema])),
          },
        }
      : {}),
  };
}

/** Collects reports and undecided values; raises the preview advisory only when nothing was found. */
class Outcome {
  reported = false;
  unknown?: { path: string; value: unknown };
  constructor(private readonly reportViolation: ReportViolation) {}
  report = (message: string, urn?: string) => {
    this.reported = true;
    this.reportViolation(message, urn);
  };
  undecided = (path: string, value: unknown = undefined) => {
    this.unknown ??= { path, value };
  };
  finish() {
    if (!this.reported && this.unknown) {
      const sentinel = isUnknown(this.unknown.value) ? this.unknown.value : UNKNOWN_STRING;
      throw new UnknownValueError(sentinel, this.unknown.path.split("."));
    }
  }
}

/**
 * Runs a policy body. A property shape the policy did not expect (a string where a list was
 * expected) must not abort the whole analysis with a gRPC error, which would stop every other
 * policy too: it becomes a violation of this policy that names the error.
 */
async function guarded(name: string, outcome: Outcome, body: () => void | Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (e instanceof UnknownValueError) throw e;
    outcome.report(`${name} could not evaluate this resource (${(e as Error).message}); check the property shapes it reads.`);
  }
}

function resourceContext<C>(args: ResourceValidationArgs, config: C, outcome: Outcome): ResourceContext<C> {
  return {
    type: args.type,
    name: args.name,
    urn: args.urn,
    props: unwrap(args.props) as Record<string, unknown>,
    opts: args.opts,
    config,
    report: (m) => outcome.report(m),
    undecided: outcome.undecided,
  };
}

/** Declares a resource policy. */
export function resourcePolicy<C extends object = Record<string, never>>(spec: ResourcePolicySpec<C>): PackResourcePolicy {
  const defaults = defaultsOf(spec.config);
  const types = new Set(spec.types);
  const onlyType = spec.types.length === 1 ? spec.types[0] : undefined;
  // What the stock server answers for a resource of another type (the type-dispatching server in
  // lib/serve.ts sends names only). Kept short: listing the taggable types made each response tens
  // of kilobytes. A single type token goes on the function (below), and the stock server then
  // says it itself.
  const reason = onlyType
    ? `Policy only applies to resources of type '${onlyType}'`
    : spec.types.length <= 3
      ? `Policy only applies to resources of type ${spec.types.join(" | ")}`
      : `Policy applies to ${spec.types.length} resource types, listed in its documentation`;
  const applies = (args: ResourceValidationArgs) => {
    if (types.has(args.type)) return;
    // notApplicable throws an Error the server catches at once; its stack trace is never read,
    // and capturing it for every policy on every resource of another type was the largest cost
    // of a multi-type policy. The limit is restored before anything else runs.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      args.notApplicable(reason);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  const run = async (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    const outcome = new Outcome(reportViolation);
    await guarded(spec.name, outcome, () =>
      spec.validate(resourceContext<C>(args, readConfig<C>(defaults, args.getConfig<object>()), outcome)),
    );
    outcome.finish();
  };
  // Not async: "not applicable" is thrown synchronously, which the server catches directly;
  // from an async function it would travel as a rejected promise through the server's awaiter.
  const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    applies(args);
    return run(args, reportViolation);
  };
  // The server's fast path: a single type token on the function marks other types not applicable.
  if (onlyType) Object.assign(validateResource, { __pulumiType: onlyType });
  const policy: PackResourcePolicy = {
    ...common(spec),
    validateResource,
    meta: {
      topic: spec.topic,
      category: spec.category,
      controls: spec.controls,
      types: spec.types,
      kind: "resource",
      defaults,
    },
  };
  if (spec.remediate) {
    const remediate = spec.remediate;
    const remediateResource = (args: ResourceValidationArgs) => {
      applies(args);
      const outcome = new Outcome(() => undefined);
      const patch = remediate(resourceContext<C>(args, readConfig<C>(defaults, args.getConfig<object>()), outcome));
      if (!patch) return undefined;
      // Writing through the server's proxy keeps secret values secret (secretsPreservingProxy).
      for (const [k, v] of Object.entries(patch)) args.props[k] = v;
      return args.props;
    };
    if (onlyType) Object.assign(remediateResource, { __pulumiType: onlyType });
    policy.remediateResource = remediateResource;
  }
  return policy;
}

/** Declares a stack policy (cross-resource rules, resource options such as `protect`). */
export function stackPolicy<C extends object = Record<string, never>>(spec: StackPolicySpec<C>): PackStackPolicy {
  const defaults = defaultsOf(spec.config);
  return {
    ...common(spec),
    validateStack: async (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const outcome = new Outcome(reportViolation);
      const resources: StackResource[] = args.resources.map((r: PolicyResource) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: unwrap(r.props) as Record<string, unknown>,
        opts: r.opts,
        parentUrn: r.parent?.urn,
        dependencies: r.dependencies.map((d) => d.urn),
        propertyDependencies: Object.fromEntries(
          Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => d.urn)]),
        ),
      }));
      await guarded(spec.name, outcome, () =>
        spec.validate({
          resources,
          config: readConfig<C>(defaults, args.getConfig<object>()),
          report: outcome.report,
          undecided: outcome.undecided,
        }),
      );
      outcome.finish();
    },
    meta: { topic: spec.topic, category: spec.category, controls: spec.controls, kind: "stack", defaults },
  };
}
