/**
 * The speed hooks the pack's entry point installs on the stock server: deserialized properties
 * are reused across the policies of one request, and Analyze runs only the policies of the
 * request's type; the answers stay the stock server's, entry for entry.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { memoizeDeserialization, serveWithTypeDispatch, typeDispatchingAnalyze } from "../lib/serve";
import type { PackPolicy } from "../lib/policy";
import { allPolicies } from "../policies";
import { PACK, VERSION, type ResourceInput, analyzeRequest, analyzeWith, call, fixtureResources } from "./helpers";

type RpcFun = Parameters<typeof call>[0];
const server = require("@pulumi/policy/server") as {
  makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: unknown[]): RpcFun;
};
const PULUMI_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const grpc: typeof import("@grpc/grpc-js") = require(require.resolve("@grpc/grpc-js", { paths: [PULUMI_DIR] }));
const structpb = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [PULUMI_DIR] })) as {
  Struct: { fromJavaScript(v: object): unknown };
};
const emptypb = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [PULUMI_DIR] })) as {
  Empty: new () => unknown;
};
const analyzerrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb") as {
  AnalyzerService: unknown;
  AnalyzerClient: new (address: string, creds: unknown) => AnalyzerClient;
};

interface AnalyzerClient {
  close(): void;
  analyze(req: unknown, cb: (e: unknown, r: unknown) => void): void;
  configure(req: unknown, cb: (e: unknown, r: unknown) => void): void;
}

const role = {
  type: "aws:iam/role:Role",
  props: {
    name: "app",
    assumeRolePolicy: JSON.stringify({
      Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
    }),
    tags: { Project: "p" },
  },
};

/**
 * What the engine reads from an answer: diagnostics in order, the names of the not-applicable
 * entries as a set (pulumi/pulumi pkg/resource/analyzer/summary.go reads no reason), and the
 * reasons of entries for policies of the resource's own type (which the handler ran: the stock
 * answer, entry for entry).
 */
function answer(resp: analyzerpb.AnalyzeResponse, type?: string) {
  const ownType = (name: string) =>
    type !== undefined && allPolicies.some((p) => p.name === name && (!p.meta.types || p.meta.types.includes(type)));
  return {
    diagnostics: resp.getDiagnosticsList().map((d) => d.toObject()),
    notApplicable: resp
      .getNotApplicableList()
      .map((n) => n.getPolicyName())
      .sort(),
    reasons: resp
      .getNotApplicableList()
      .filter((n) => ownType(n.getPolicyName()))
      .map((n) => `${n.getPolicyName()}: ${n.getReason()}`)
      .sort(),
  };
}

const declaredTypes = [...new Set(allPolicies.flatMap((p) => p.meta.types ?? []))].sort();

describe("policy-pack serving hooks", () => {
  it("deserializes a request's properties once for all policies, with the same verdict", async () => {
    const before = await analyzeWith(allPolicies, role);
    const memo = memoizeDeserialization();
    const hits = memo.hits();
    const after = await analyzeWith(allPolicies, role);
    assert.ok(memo.hits() - hits > 10, `only ${memo.hits() - hits} cache hits`);
    assert.deepEqual(after.diagnostics, before.diagnostics);
    assert.deepEqual(after.notApplicable, before.notApplicable);
    assert.ok(
      before.violations.some((v) => v.includes('"*"')),
      "the planted public trust is reported",
    );
  });

  it("lists the policies of other resource types as not applicable", async () => {
    const r = await analyzeWith(allPolicies, { type: "aws:sqs/queue:Queue", props: {} });
    assert.ok(r.notApplicable.length > 100);
  });
});

describe("policy-pack Analyze dispatch by resource type", () => {
  const stock = server.makeAnalyzeRpcFun(PACK, VERSION, "mandatory", allPolicies);

  /** Every declared type (tagged), an undeclared type, and the fixtures of the policy tests. */
  function resources(): ResourceInput[] {
    const tags = { Project: "p", Environment: "prod", Owner: "o", CostCenter: "c", ManagedBy: "pulumi" };
    return [
      ...declaredTypes.map((type) => ({ type, props: { tags, tagsAll: tags, name: "x" } })),
      { type: "random:index/randomPet:RandomPet", props: {} },
      ...fixtureResources,
    ];
  }

  it("gives the stock handler's answer for every resource type and every policy fixture", async () => {
    const dispatch = typeDispatchingAnalyze(PACK, VERSION, "mandatory", allPolicies);
    const rs = resources();
    assert.ok(rs.length > declaredTypes.length, `${rs.length} resources`);
    let violations = 0;
    for (const r of rs) {
      const req = analyzeRequest(r);
      const want = answer(await call(stock, req), r.type);
      const got = answer(await call(dispatch.analyze, req), r.type);
      assert.deepEqual(got, want, `${r.type} ${JSON.stringify(r.props).slice(0, 200)}`);
      violations += want.diagnostics.length;
    }
    assert.ok(violations > 100, `the compared answers carry ${violations} diagnostics`);
    assert.ok(dispatch.types().length >= declaredTypes.length, "one handler per type");
  });

  it("encodes the cached not-applicable entries so that the wire answer decodes to the in-memory one", async () => {
    const dispatch = typeDispatchingAnalyze(PACK, VERSION, "mandatory", allPolicies);
    for (const r of [role, { type: "aws:sqs/queue:Queue", props: {} }, { type: "kubernetes:core/v1:Pod", props: {} }]) {
      // Twice: the second answer reuses the cached entries and their bytes.
      for (let i = 0; i < 2; i++) {
        const resp = await call(dispatch.analyze, analyzeRequest(r));
        const wire = analyzerpb.AnalyzeResponse.deserializeBinary(resp.serializeBinary());
        assert.deepEqual(wire.toObject(), resp.toObject(), r.type);
        assert.ok(wire.getNotApplicableList().length > 100, r.type);
        assert.deepEqual(answer(wire, r.type), answer(await call(stock, analyzeRequest(r)), r.type), r.type);
      }
    }
  });

  it("sends the other types' policies by name only, in under half the stock answer's bytes", async () => {
    const dispatch = typeDispatchingAnalyze(PACK, VERSION, "mandatory", allPolicies);
    const queue = analyzeRequest({ type: "aws:sqs/queue:Queue", props: {} });
    const got = await call(dispatch.analyze, queue);
    const queuePolicies = allPolicies.filter((p) => p.meta.types?.includes("aws:sqs/queue:Queue")).map((p) => p.name);
    const others = got.getNotApplicableList().filter((n) => !queuePolicies.includes(n.getPolicyName()));
    assert.ok(others.length > 100);
    assert.deepEqual(
      others.filter((n) => n.getReason() !== ""),
      [],
    );
    const size = got.serializeBinary().length;
    const stockSize = (await call(stock, queue)).serializeBinary().length;
    assert.ok(size * 2 < stockSize, `${size} bytes against the stock answer's ${stockSize}`);
  });

  it("follows Configure: a disabled policy is neither run nor listed, and comes back when enabled", async () => {
    const versioning = "aws-s3-bucket-versioning-require-enabled";
    const dispatch = typeDispatchingAnalyze(PACK, VERSION, "mandatory", allPolicies);
    const names = async (type: string) =>
      answer(await call(dispatch.analyze, analyzeRequest({ type, props: {} }))).notApplicable.map((n) => n.split(":")[0]);
    assert.ok((await names("aws:sqs/queue:Queue")).includes(versioning));
    dispatch.configured({ [versioning]: "disabled" });
    assert.ok(!(await names("aws:sqs/queue:Queue")).includes(versioning));
    dispatch.configured({ [versioning]: "advisory" });
    assert.ok((await names("aws:sqs/queue:Queue")).includes(versioning));
  });

  it("leaves a policy without declared types to the stock loop for every type", async () => {
    const bare: PackPolicy = { ...allPolicies[0], meta: { ...allPolicies[0].meta, types: undefined } } as PackPolicy;
    const dispatch = typeDispatchingAnalyze(PACK, VERSION, "mandatory", [bare]);
    const want = answer(
      await call(server.makeAnalyzeRpcFun(PACK, VERSION, "mandatory", [bare]), analyzeRequest(role)),
      role.type,
    );
    assert.deepEqual(answer(await call(dispatch.analyze, analyzeRequest(role)), role.type), want);
  });

  it("swaps the Analyzer service's analyze handler and wraps configure while the pack starts, and only then", async () => {
    const versioning = "aws-s3-bucket-versioning-require-enabled";
    const proto = grpc.Server.prototype;
    const original = proto.addService;
    const s = new grpc.Server();
    const stub = () => undefined;
    let stockConfigured: unknown;
    const dispatch = serveWithTypeDispatch(
      { name: PACK, version: VERSION, enforcementLevel: "mandatory", policies: allPolicies },
      () =>
        s.addService(
          analyzerrpc.AnalyzerService as never,
          {
            analyze: (_c: unknown, cb: (e: unknown) => void) => cb(new Error("the stock handler ran")),
            analyzeStack: stub,
            remediate: stub,
            getAnalyzerInfo: stub,
            getPluginInfo: stub,
            configure: (c: { request: unknown }, cb: (e: unknown, r: unknown) => void) => {
              stockConfigured = c.request;
              cb(null, new emptypb.Empty());
            },
            configureStack: stub,
          } as never,
        ),
    );
    assert.equal(proto.addService, original, "addService restored");
    // grpc-js keeps the registered handlers by method path.
    const handlers = (s as unknown as { handlers: Map<string, { func: RpcFun }> }).handlers;
    const registered = (method: string) => handlers.get(`/pulumirpc.Analyzer/${method}`)!.func;
    const req = new analyzerpb.ConfigureAnalyzerRequest();
    const pc = new analyzerpb.PolicyConfig();
    pc.setEnforcementlevel(analyzerpb.EnforcementLevel.DISABLED);
    req.getPolicyconfigMap().set(versioning, pc);
    await call(registered("Configure"), req);
    assert.equal(stockConfigured, req, "the stock configure still runs");
    const queue = answer(await call(registered("Analyze"), analyzeRequest({ type: "aws:sqs/queue:Queue", props: {} })));
    assert.ok(queue.notApplicable.length > 100, "the dispatcher answered");
    assert.deepEqual(dispatch.types(), ["aws:sqs/queue:Queue"]);
    assert.ok(!queue.notApplicable.includes(versioning), "the level reached the dispatcher");
    assert.throws(
      () => serveWithTypeDispatch({ name: PACK, version: VERSION, enforcementLevel: "mandatory", policies: [] }, () => undefined),
      /no longer registers the Analyzer service/,
    );
  });
});

describe("policy-pack served over gRPC (index.ts as the CLI starts it)", function () {
  this.timeout(120000);
  let child: ReturnType<typeof spawn>;
  let client: AnalyzerClient;
  const rpc = (method: "analyze" | "configure", req: unknown) =>
    new Promise<unknown>((resolve, reject) => client[method](req, (e, r) => (e ? reject(e) : resolve(r))));

  before(async () => {
    const packDir = path.join(__dirname, "..");
    child = spawn(process.execPath, ["--import", "tsx", "index.ts"], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (b: Buffer) => {
        out += b.toString();
        const line = out.split("\n");
        if (line.length > 1) resolve(line[0].trim());
      });
      let err = "";
      child.stderr!.on("data", (b: Buffer) => (err += b.toString()));
      child.on("exit", (code) => reject(new Error(`pack exited ${code}: ${err}`)));
    });
    client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  after(() => {
    client?.close();
    child?.kill("SIGTERM");
  });

  it("answers Analyze as the stock handler would, before and after Configure disables a policy", async () => {
    const versioning = "aws-s3-bucket-versioning-require-enabled";
    const queue = { type: "aws:sqs/queue:Queue", props: { name: "q" } };
    const bucket = { type: "aws:s3/bucketVersioning:BucketVersioning", props: { bucket: "b" } };
    for (const r of [queue, bucket, role]) {
      const got = answer((await rpc("analyze", analyzeRequest(r))) as analyzerpb.AnalyzeResponse, r.type);
      assert.deepEqual(
        got,
        answer(await call(server.makeAnalyzeRpcFun(PACK, "2.0.0", "mandatory", allPolicies), analyzeRequest(r)), r.type),
      );
    }
    const req = new analyzerpb.ConfigureAnalyzerRequest();
    const pc = new analyzerpb.PolicyConfig();
    pc.setEnforcementlevel(analyzerpb.EnforcementLevel.DISABLED);
    pc.setProperties(structpb.Struct.fromJavaScript({}) as never);
    req.getPolicyconfigMap().set(versioning, pc);
    await rpc("configure", req);
    const without = allPolicies.filter((p) => p.name !== versioning);
    for (const r of [queue, bucket]) {
      const got = answer((await rpc("analyze", analyzeRequest(r))) as analyzerpb.AnalyzeResponse, r.type);
      assert.deepEqual(
        got,
        answer(await call(server.makeAnalyzeRpcFun(PACK, "2.0.0", "mandatory", without), analyzeRequest(r)), r.type),
      );
      assert.ok(!JSON.stringify(got).includes(versioning), `${r.type}: ${versioning} disabled`);
    }
  });
});
