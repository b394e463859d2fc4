/**
 * The rollout gate: `pulumi up` waits for each Rollout and fails with Argo Rollouts' analysis
 * result as soon as the rollout aborts (not at a timeout). Fed with recorded Rollout objects
 * (test/fixtures/rollouts, Argo Rollouts v1.9 status fields and messages), first to the verdict,
 * then through the dynamic provider's create against a local Kubernetes API endpoint, with a
 * kubeconfig whose credentials come from an exec plugin, as an EKS kubeconfig's do.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { RolloutGateInputs, rolloutGateProvider, specRevision } from "../../components/service/rollout-gate";
import { RolloutObject, rolloutVerdict, waitForRollout } from "../../components/service/rollout-status";

const FIXTURES = path.join(__dirname, "..", "fixtures", "rollouts");
const load = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as RolloutObject;
const ANALYSIS = 'Metric "error-ratio" assessed Failed due to failed (3) > failureLimit (2)';

/** A clock that advances only when the poller sleeps. */
function fakeClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), elapsed: () => t };
}

describe("rollout gate: the verdict on a recorded Rollout", () => {
  it("fails a Degraded canary with the analysis run's failed metric", () => {
    const v = rolloutVerdict(load("degraded-canary"));
    assert.equal(v.state, "failed");
    assert.ok(v.state === "failed" && v.message.includes(ANALYSIS), JSON.stringify(v));
    assert.ok(v.state === "failed" && v.message.includes("AnalysisRun api-7d9c6b5f4-4 (Failed"), "names the AnalysisRun");
  });

  it("fails a blue-green whose pre-promotion analysis failed", () => {
    const v = rolloutVerdict(load("degraded-bluegreen"));
    assert.ok(v.state === "failed" && v.message.includes("pre-promotion analysis") && v.message.includes("p95-latency"));
  });

  it("passes a fully promoted rollout, and waits while paused at a step or before the new spec is observed", () => {
    assert.deepEqual(rolloutVerdict(load("healthy")), { state: "healthy" });
    assert.equal(rolloutVerdict(load("progressing-paused")).state, "progressing");
    // Healthy, but for the previous generation: Pulumi just applied generation 9.
    const stale = { ...load("healthy"), metadata: { name: "api", namespace: "api", generation: 9 } };
    assert.deepEqual(rolloutVerdict(stale), { state: "progressing", message: "waiting for rollout spec update to be observed" });
    // An aborted flag decides even before the phase is recomputed.
    const aborting = load("progressing-paused");
    aborting.status!.abort = true;
    assert.equal(rolloutVerdict(aborting).state, "failed");
  });
});

describe("rollout gate: waiting", () => {
  it("rejects at the first Degraded read, long before the timeout, with the analysis message", async () => {
    const reads = [load("progressing-paused"), load("progressing-paused"), load("degraded-canary")];
    const clock = fakeClock();
    let n = 0;
    await assert.rejects(
      waitForRollout(async () => reads[Math.min(n++, reads.length - 1)], "api/api", {
        timeoutSeconds: 3600,
        pollSeconds: 10,
        ...clock,
      }),
      (e: Error) => e.message.includes(ANALYSIS) && e.message.includes("kubectl argo rollouts get rollout api -n api"),
    );
    assert.equal(n, 3);
    assert.equal(clock.elapsed(), 20_000, "two polls of 10 s, not the hour of the timeout");
  });

  it("resolves once the rollout is Healthy, retrying failed reads", async () => {
    const clock = fakeClock();
    let n = 0;
    await waitForRollout(
      async () => {
        n++;
        if (n === 1) throw new Error("connection refused");
        return n < 4 ? load("progressing-paused") : load("healthy");
      },
      "api/api",
      { timeoutSeconds: 600, pollSeconds: 5, ...clock },
    );
    assert.equal(n, 4);
  });

  it("times out with the last state when the rollout neither finishes nor aborts", async () => {
    const clock = fakeClock();
    await assert.rejects(
      waitForRollout(async () => load("progressing-paused"), "api/api", { timeoutSeconds: 60, pollSeconds: 10, ...clock }),
      /did not become Healthy within 60 s \(last: Paused: CanaryPauseStep\)/,
    );
  });
});

describe("rollout gate: the dynamic provider against a Kubernetes API endpoint", () => {
  let server: http.Server;
  let serve: RolloutObject[] = [];
  let seenAuth: (string | undefined)[] = [];
  let seenPaths: string[] = [];
  let dir: string;
  let kubeconfig: string;

  before(async () => {
    server = http.createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      seenPaths.push(req.url ?? "");
      if (req.headers.authorization !== "Bearer k8s-aws-v1.test-token") {
        res.writeHead(401).end('{"kind":"Status","code":401}');
        return;
      }
      const body = serve.length > 1 ? serve.shift() : serve[0];
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    // The exec plugin prints an ExecCredential, as `aws eks get-token` does.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollout-gate-"));
    const plugin = path.join(dir, "get-token.js");
    fs.writeFileSync(
      plugin,
      `process.stdout.write(JSON.stringify({kind:"ExecCredential",apiVersion:"client.authentication.k8s.io/v1beta1",status:{token:process.env.TOKEN_PREFIX+"test-token",expirationTimestamp:new Date(Date.now()+900000).toISOString()}}))`,
    );
    kubeconfig = JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      "current-context": "aws",
      clusters: [{ name: "eks", cluster: { server: `http://127.0.0.1:${port}` } }],
      contexts: [{ name: "aws", context: { cluster: "eks", user: "aws" } }],
      users: [
        {
          name: "aws",
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: process.execPath,
              args: [plugin],
              env: [{ name: "TOKEN_PREFIX", value: "k8s-aws-v1." }],
            },
          },
        },
      ],
    });
  });
  after(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  // The gate reports each state it reads on stdout (the deployer's console); captured and asserted here.
  let logged: string[] = [];
  const consoleLog = console.log;
  beforeEach(() => {
    seenAuth = [];
    seenPaths = [];
    logged = [];
    console.log = (line: string) => void logged.push(line);
  });
  afterEach(() => (console.log = consoleLog));

  const inputs = (): RolloutGateInputs => ({
    kubeconfig,
    namespace: "api",
    name: "api",
    revision: specRevision({ image: "x@sha256:1" }),
    timeoutSeconds: 30,
    pollSeconds: 0.01,
  });

  it("fails `create` with the analysis result when the rollout aborts", async () => {
    serve = [load("progressing-paused"), load("degraded-canary")];
    await assert.rejects(rolloutGateProvider.create(inputs()), (e: Error) => e.message.includes(ANALYSIS));
    assert.deepEqual(logged, ["Rollout api/api: Paused: CanaryPauseStep"]);
    assert.deepEqual([...new Set(seenPaths)], ["/apis/argoproj.io/v1alpha1/namespaces/api/rollouts/api"]);
    assert.ok(
      seenAuth.every((a) => a === "Bearer k8s-aws-v1.test-token"),
      "the exec plugin's token is sent",
    );
  });

  it("completes `create` and `update` when the rollout is Healthy, without the kubeconfig in its outputs", async () => {
    serve = [load("progressing-paused"), load("healthy")];
    const created = await rolloutGateProvider.create(inputs());
    assert.equal(created.id, "api/api");
    assert.equal(created.outs.phase, "Healthy");
    assert.equal("kubeconfig" in created.outs, false);
    serve = [load("healthy")];
    const updated = await rolloutGateProvider.update!("api/api", inputs(), { ...inputs(), revision: "next" });
    assert.equal(updated.outs?.revision, "next");
  });

  it("works as Pulumi ships it: the serialized provider, loaded on its own, fails on the abort", async () => {
    // What pulumi.dynamic.Resource stores in `__provider` and the Node.js provider host loads
    // (`require` of the text, then `handler()`), outside this program's module graph.
    const serialized = await pulumi.runtime.serializeFunction(() => rolloutGateProvider, { allowSecrets: true });
    const file = path.join(dir, "provider.js");
    fs.writeFileSync(file, serialized.text);
    const provider = (require(file) as { handler: () => pulumi.dynamic.ResourceProvider }).handler();
    serve = [load("degraded-canary")];
    await assert.rejects(provider.create(inputs()), (e: Error) => e.message.includes(ANALYSIS));
    serve = [load("healthy")];
    assert.equal((await provider.create(inputs())).outs.phase, "Healthy");
  });

  it("waits again for a new revision of the spec, and is replaced for another Rollout", async () => {
    const diff = rolloutGateProvider.diff!;
    assert.equal((await diff("api/api", inputs(), inputs())).changes, false);
    assert.equal((await diff("api/api", inputs(), { ...inputs(), revision: "other" })).changes, true);
    assert.deepEqual((await diff("api/api", inputs(), { ...inputs(), name: "storefront" })).replaces, ["name"]);
  });
});
