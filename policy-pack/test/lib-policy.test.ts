/**
 * The policy framework's own decisions, with policies declared inside each test (declarations at
 * module load would run before any test and hide their faults from mutation testing).
 */
import * as assert from "node:assert/strict";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { readConfig, resourcePolicy, stackPolicy, type ResourceContext, type StackContext } from "../lib/policy";
import { UNKNOWN_STRING, UnknownValueError } from "../lib/props";
import { PACK, VERSION, analyze, analyzeRequest, analyzeStack, call } from "./helpers";

const A = "aws:sqs/queue:Queue";
const B = "aws:sns/topic:Topic";
const C = "aws:s3/bucketV2:BucketV2";
const D = "aws:kms/key:Key";

const meta = {
  description: "Queues must be named.",
  severity: "low" as const,
  remediationSteps: "Name it.",
  controls: { none: "framework test" },
  topic: "visibility" as const,
  category: "security" as const,
};

function policy(types: string[], validate: (r: ResourceContext<{ limit: number }>) => void, name = "aws-sqs-queue-require-test") {
  return resourcePolicy<{ limit: number }>({
    ...meta,
    name,
    types,
    config: { limit: { type: "number", default: 5 } },
    validate,
  });
}

describe("lib/policy: declaring policies", () => {
  it("accepts names aws-|kubernetes-<service>-<resource>-<verb>-<what> and rejects others", () => {
    for (const name of ["aws-sqs-queue-require-kms", "kubernetes-pod-disallow-host-ports", "aws-s3-bucket-require-x2"])
      assert.equal(policy([A], () => undefined, name).name, name);
    for (const name of [
      "sqs-queue-require-kms",
      "aws-sqs-queue",
      "aws-SQS-queue-require-kms",
      "aws-sqs-queue-require-kms-",
      "x aws-sqs-queue-require-kms",
    ])
      assert.throws(() => policy([A], () => undefined, name), /does not follow/, name);
  });

  it("puts a single type on the function for the server's fast path, and not several", () => {
    assert.equal((policy([A], () => undefined).validateResource as { __pulumiType?: string }).__pulumiType, A);
    assert.ok(!("__pulumiType" in (policy([A, B], () => undefined).validateResource as object)));
    const fix = (types: string[]) =>
      resourcePolicy({ ...meta, name: "aws-sqs-queue-require-fix", types, validate: () => undefined, remediate: () => undefined })
        .remediateResource as object;
    assert.equal((fix([A]) as { __pulumiType?: string }).__pulumiType, A);
    assert.ok(!("__pulumiType" in fix([A, B])));
    assert.equal(policy([A], () => undefined).remediateResource, undefined, "no remediation declared, none offered");
  });

  it("says why a policy does not apply, through the stock server: the type, up to three types, or their number", async () => {
    const server = require("@pulumi/policy/server") as {
      makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: unknown[]): Parameters<typeof call>[0];
    };
    const reasonFor = async (types: string[]) => {
      const fn = server.makeAnalyzeRpcFun(PACK, VERSION, "mandatory", [policy(types, () => undefined)]);
      const resp = await call(fn, analyzeRequest({ type: "aws:ec2/vpc:Vpc", props: {} }));
      return resp.getNotApplicableList().map((n) => n.getReason());
    };
    assert.deepEqual(await reasonFor([A]), [`Policy only applies to resources of type '${A}'`]);
    assert.deepEqual(await reasonFor([A, B, C]), [`Policy only applies to resources of type ${A} | ${B} | ${C}`]);
    assert.deepEqual(await reasonFor([A, B, C, D]), ["Policy applies to 4 resource types, listed in its documentation"]);
  });

  it("keeps the metadata tests and docs read: topic, category, controls, types, defaults, kind", () => {
    const p = policy([A, B], () => undefined);
    assert.deepEqual(p.meta, {
      topic: "visibility",
      category: "security",
      controls: { none: "framework test" },
      types: [A, B],
      kind: "resource",
      defaults: { limit: 5 },
    });
    assert.deepEqual(p.tags, ["visibility", "security"]);
    assert.equal(p.enforcementLevel, "mandatory");
    assert.deepEqual(p.configSchema, { properties: { limit: { type: "number", default: 5 } } });
    const s = stackPolicy({ ...meta, name: "aws-sqs-queue-require-stack", validate: () => undefined });
    assert.equal(s.meta.kind, "stack");
    assert.deepEqual(s.meta.defaults, {});
    assert.equal(s.configSchema, undefined);
  });

  it("names CIS AWS Foundations v3.0.0 controls in the framework field, and nothing without them", () => {
    const p = resourcePolicy({
      ...meta,
      name: "aws-sqs-queue-require-cis",
      controls: ["CIS-AWS-3.0:3.1", "FSBP:SQS.1", "CIS-AWS-3.0:3.2"],
      types: [A],
      validate: () => undefined,
    });
    assert.deepEqual(p.framework, {
      name: "CIS AWS Foundations Benchmark",
      version: "3.0.0",
      reference: "3.1,3.2",
      specification: meta.description,
    });
    assert.equal(policy([A], () => undefined).framework, undefined);
  });
});

describe("lib/policy: running policies", () => {
  it("applies config defaults, configured values over them, and ignores undefined and enforcementLevel", async () => {
    let seen: unknown;
    const p = policy([A], (r) => void (seen = r.config));
    await analyze(p, { type: A, props: {} });
    assert.deepEqual(seen, { limit: 5 });
    await analyze(p, { type: A, props: {} }, { config: { limit: 7 } });
    assert.deepEqual(seen, { limit: 7 });
    assert.deepEqual(readConfig({ limit: 5 }, { limit: undefined, enforcementLevel: "advisory", extra: 1 }), {
      limit: 5,
      extra: 1,
    });
    assert.deepEqual(readConfig({ limit: 5 }, undefined), { limit: 5 });
  });

  it("runs a multi-type policy on each of its types and answers not applicable for others, stack traces untouched", async () => {
    const p = policy([A, B], (r) => r.report(`saw ${r.type}`));
    assert.match((await analyze(p, { type: B, props: {} })).violations[0], new RegExp(`saw ${B}`));
    assert.match((await analyze(p, { type: A, props: {} })).violations[0], new RegExp(`saw ${A}`));
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 12;
    try {
      const r = await analyze(p, { type: C, props: {} });
      assert.deepEqual([r.notApplicable, r.diagnostics], [[p.name], []]);
      assert.equal(Error.stackTraceLimit, 12);
    } finally {
      Error.stackTraceLimit = limit;
    }
  });

  it("reports known findings and drops the undecided; undecided alone becomes the preview advisory naming the path", async () => {
    const both = await analyze(
      policy([A], (r) => (r.undecided("kmsKeyId", UNKNOWN_STRING), r.report("no encryption"))),
      { type: A, props: {} },
    );
    assert.deepEqual([both.violations.length, both.cannotRunAtPreview], [1, false]);
    const only = await analyze(
      policy([A], (r) => r.undecided("a.b")),
      { type: A, props: {} },
    );
    assert.deepEqual([only.violations, only.cannotRunAtPreview], [[], true]);
    assert.match(only.diagnostics[0].message, /a\.b/);
    assert.equal(only.diagnostics[0].enforcementLevel, "advisory");
    const first = await analyze(
      policy([A], (r) => (r.undecided("first"), r.undecided("second"))),
      { type: A, props: {} },
    );
    assert.match(first.diagnostics[0].message, /first/);
    assert.doesNotMatch(first.diagnostics[0].message, /second/);
  });

  it("passes the server's unknown-value error through, and turns other errors into a finding of that policy", async () => {
    const unknown = await analyze(
      policy([A], () => {
        throw new UnknownValueError(UNKNOWN_STRING, ["x"]);
      }),
      { type: A, props: {} },
    );
    assert.deepEqual(
      unknown.diagnostics.map((d) => [d.enforcementLevel, d.message.startsWith("can't run policy")]),
      [["advisory", true]],
    );
    const broken = await analyze(
      policy([A], () => {
        throw new TypeError("boom");
      }),
      { type: A, props: {} },
    );
    assert.match(broken.violations[0], /aws-sqs-queue-require-test could not evaluate this resource \(boom\)/);
  });

  it("remediates only resources of its types", () => {
    const p = resourcePolicy({
      ...meta,
      name: "aws-sqs-queue-require-fix",
      types: [A, B],
      validate: () => undefined,
      remediate: () => ({ fixed: true }),
    });
    const args = (type: string) =>
      ({
        type,
        props: {},
        getConfig: () => ({}),
        notApplicable: (reason?: string) => {
          throw new Error(`na: ${reason}`);
        },
      }) as unknown as ResourceValidationArgs;
    assert.deepEqual(p.remediateResource!(args(A)), { fixed: true });
    assert.throws(() => p.remediateResource!(args(C)), /na: Policy only applies to resources of type/);
  });

  it("gives stack policies resources with parent, dependencies and property dependencies as URNs, and the advisory when undecided", async () => {
    let seen: StackContext<object>["resources"] = [];
    const s = stackPolicy({ ...meta, name: "aws-sqs-queue-require-stack", validate: (c) => void (seen = c.resources) });
    await analyzeStack(s, [
      { type: A, name: "a", props: {}, urn: "urn:a" },
      { type: B, name: "b", props: { q: "x" }, urn: "urn:b", parent: "urn:a", propertyDependencies: { q: ["urn:a"] } },
    ]);
    assert.deepEqual(
      seen.map((r) => [r.urn, r.parentUrn, r.dependencies, r.propertyDependencies]),
      [
        ["urn:a", undefined, [], {}],
        ["urn:b", "urn:a", ["urn:a"], { q: ["urn:a"] }],
      ],
    );
    const undecided = stackPolicy({ ...meta, name: "aws-sqs-queue-require-stack", validate: (c) => c.undecided("x.y") });
    const r = await analyzeStack(undecided, [{ type: A, props: {} }]);
    assert.deepEqual([r.violations, r.cannotRunAtPreview], [[], true]);
    const reported = stackPolicy({ ...meta, name: "aws-sqs-queue-require-stack", validate: (c) => c.report("bad", "urn:a") });
    const v = await analyzeStack(reported, [{ type: A, props: {}, urn: "urn:a" }]);
    assert.deepEqual(
      v.diagnostics.map((d) => [d.urn, d.enforcementLevel]),
      [["urn:a", "mandatory"]],
    );
  });
});
