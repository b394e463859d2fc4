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

/*
 * Dispatch by resource type. The stock Analyze handler walks every policy of the pack for every
 * resource: with 230 policies a request runs a handful and answers "not applicable" for the rest,
 * each through a type check, an enforcement-level lookup and a fresh protobuf message. Here the
 * handler is built once per resource type from the policies that declare that type, by the stock
 * `makeAnalyzeRpcFun` itself (so enforcement levels, unknown-value advisories, `notApplicable`
 * thrown by a policy, errors and the response are the server's own code), and the answer carries
 * a not-applicable entry for every other enabled policy, as the stock loop would (the engine
 * counts a policy that is neither violated nor not applicable as passed), kept per type until the
 * next Configure changes the levels.
 *
 * Those entries carry the policy name only. The reason is optional in the protocol
 * (pulumi/pulumi proto/pulumi/analyzer.proto, `PolicyNotApplicable.reason`: "An optional reason
 * why the policy was not applicable"), and the engine reads nothing but the names: its policy
 * summary (pkg/resource/analyzer/summary.go, `newPolicySummary`) is "passed = all - disabled - not
 * applicable - failed", and no display or event carries a reason (pulumi/pulumi at 1b59498, August
 * 2026). With 220 policies the stock reasons ("Policy only applies to resources of type '...'")
 * made each answer about 24 KB that every client decodes; names alone are under half of that.
 * Policies the handler does run keep the stock answer, reasons included.
 */
type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
type RpcCallback = (err: unknown, resp?: unknown) => void;
type RpcFun = (call: { request: any }, callback: RpcCallback) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The parts of a policy the dispatcher reads (a @pulumi/policy object, pack metadata optional). */
export interface DispatchPolicy {
  name: string;
  enforcementLevel?: EnforcementLevel;
  validateResource?: unknown;
  validateStack?: unknown;
  meta?: { types?: readonly string[] };
}

// @pulumi/policy marks these @internal (no typings); they are what `serve` registers.
const stockServer = require("@pulumi/policy/server") as {
  makeAnalyzeRpcFun(pack: string, version: string, level: EnforcementLevel, policies: unknown[]): RpcFun;
};
const protoutil = require("@pulumi/policy/protoutil") as { convertEnforcementLevel(level: number): EnforcementLevel };
const analyzerpb = require("@pulumi/pulumi/proto/analyzer_pb") as {
  PolicyNotApplicable: new () => { setPolicyName(n: string): void };
  AnalyzeResponse: new () => AnalyzeResponse;
};
interface AnalyzeResponse {
  getNotApplicableList(): unknown[];
  setNotApplicableList(l: unknown[]): void;
  serializeBinary(): Uint8Array;
}

/** The not-applicable answers for one type: the messages, and their wire encoding once. */
interface NotApplicable {
  list: unknown[];
  bytes: Uint8Array;
}

/**
 * Adds the cached not-applicable entries to a response. The entries are in the message (what an
 * in-process caller reads), and their encoding is reused: a protobuf message's encoding is the
 * concatenation of its fields' encodings, and the entries of a repeated field may come in any
 * number of runs (https://protobuf.dev/programming-guides/encoding/#optional), so the response
 * encodes as its own fields followed by the cached bytes. Encoding 200 small messages per
 * response was the largest cost left after dispatch.
 */
function withNotApplicable(resp: AnalyzeResponse, others: NotApplicable): void {
  const own = resp.getNotApplicableList();
  const all = [...own, ...others.list];
  resp.setNotApplicableList(all);
  const encode = Object.getPrototypeOf(resp).serializeBinary as () => Uint8Array;
  resp.serializeBinary = function (this: AnalyzeResponse) {
    this.setNotApplicableList(own);
    try {
      const head = encode.call(this);
      const out = new Uint8Array(head.length + others.bytes.length);
      out.set(head, 0);
      out.set(others.bytes, head.length);
      return out;
    } finally {
      this.setNotApplicableList(all);
    }
  };
}

export interface TypeDispatch {
  analyze: RpcFun;
  /** Records the levels a Configure request sets (the stock handler keeps its copy private). */
  configured(levels: Record<string, EnforcementLevel | undefined>): void;
  /** Types seen so far (tests). */
  types(): string[];
}

export function typeDispatchingAnalyze(
  packName: string,
  packVersion: string,
  packLevel: EnforcementLevel,
  policies: readonly DispatchPolicy[],
): TypeDispatch {
  // Resource policies only, as the stock loop (stack policies never answer Analyze).
  const resourcePolicies = policies.filter((p) => !p.validateStack);
  let levels: Record<string, EnforcementLevel | undefined> = {};
  const levelOf = (p: DispatchPolicy) => levels[p.name] || p.enforcementLevel || packLevel;
  // A policy without declared types (or without a validation) is left to the stock loop for
  // every type: it decides applicability itself.
  const typed = (p: DispatchPolicy) => p.validateResource !== undefined && p.meta?.types !== undefined;
  const handlers = new Map<string, RpcFun>();
  let notApplicable = new Map<string, NotApplicable>();

  const handlerFor = (type: string): RpcFun => {
    let h = handlers.get(type);
    if (!h) {
      const applicable = resourcePolicies.filter((p) => !typed(p) || p.meta!.types!.includes(type));
      h = stockServer.makeAnalyzeRpcFun(packName, packVersion, packLevel, applicable);
      handlers.set(type, h);
    }
    return h;
  };
  const notApplicableFor = (type: string): NotApplicable => {
    let entry = notApplicable.get(type);
    if (!entry) {
      const list: unknown[] = [];
      for (const p of resourcePolicies) {
        if (!typed(p) || p.meta!.types!.includes(type) || levelOf(p) === "disabled") continue;
        const na = new analyzerpb.PolicyNotApplicable();
        na.setPolicyName(p.name);
        list.push(na);
      }
      const encoded = new analyzerpb.AnalyzeResponse();
      encoded.setNotApplicableList(list);
      entry = { list, bytes: encoded.serializeBinary() };
      notApplicable.set(type, entry);
    }
    return entry;
  };

  return {
    analyze: (call, callback) => {
      const type = call.request.getType() as string;
      const others = notApplicableFor(type);
      handlerFor(type)(call, (err, resp) => {
        if (!err && others.list.length > 0) withNotApplicable(resp as AnalyzeResponse, others);
        callback(err, resp);
      });
    },
    configured: (l) => {
      levels = l;
      notApplicable = new Map();
    },
    types: () => [...handlers.keys()],
  };
}

const grpc = require(
  require.resolve("@grpc/grpc-js", { paths: [require("node:path").dirname(require.resolve("@pulumi/policy/server"))] }),
) as {
  Server: { prototype: { addService(service: unknown, implementation: Record<string, RpcFun>): void } };
};
const analyzerrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb") as { AnalyzerService: unknown };

/**
 * Runs `start` (which constructs the PolicyPack) with the Analyze handler replaced by the
 * type-dispatching one. `serve` registers its handlers with gRPC's `Server.addService`
 * synchronously in the PolicyPack constructor; the hook swaps `analyze`, wraps `configure` to
 * learn the levels, and is removed again before `start` returns. Checked against @pulumi/policy
 * 1.21.0 (pinned); test/serve.test.ts compares the answers with the stock handler's.
 */
export function serveWithTypeDispatch(
  pack: { name: string; version: string; enforcementLevel: EnforcementLevel; policies: readonly DispatchPolicy[] },
  start: () => void,
): TypeDispatch {
  const dispatch = typeDispatchingAnalyze(pack.name, pack.version, pack.enforcementLevel, pack.policies);
  const proto = grpc.Server.prototype;
  const addService = proto.addService;
  let installed = false;
  proto.addService = function (this: unknown, service: unknown, implementation: Record<string, RpcFun>) {
    if (service === analyzerrpc.AnalyzerService && implementation.analyze && implementation.configure) {
      const configure = implementation.configure;
      implementation = {
        ...implementation,
        analyze: dispatch.analyze,
        configure: (call, callback) => {
          const l: Record<string, EnforcementLevel | undefined> = {};
          for (const [k, v] of call.request.getPolicyconfigMap().entries() as Iterable<
            [string, { getEnforcementlevel(): number }]
          >)
            l[k] = protoutil.convertEnforcementLevel(v.getEnforcementlevel());
          configure(call, (err, resp) => {
            if (!err) dispatch.configured(l);
            callback(err, resp);
          });
        },
      };
      installed = true;
    }
    return addService.call(this, service, implementation);
  };
  try {
    start();
  } finally {
    proto.addService = addService;
  }
  if (!installed)
    throw new Error(
      "type dispatch: @pulumi/policy's serve no longer registers the Analyzer service through grpc-js Server.addService",
    );
  return dispatch;
}
