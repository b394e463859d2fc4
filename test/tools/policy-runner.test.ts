/**
 * The analyzer-protocol runner against a test-only pack (test/fixtures/policy-pack) whose policies,
 * levels and config are known: levels, config reconciliation, resource and stack analysis, shutdown.
 * The real pack's end-to-end protocol test is test/tools/policy-pack-protocol.test.ts.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RegisteredResource } from "../../tools/harness";
import { ensurePackBuilt, PolicyConfigError, PolicyRunner, parsePolicyConfig, validateSchema } from "../../tools/policy-runner";

const FIXTURE = path.resolve(__dirname, "../fixtures/policy-pack");
const URN = "urn:pulumi:dev::b2b-commerce::";

function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<RegisteredResource> = {},
): RegisteredResource {
  return {
    urn: `${URN}${type}::${name}`,
    type,
    name,
    parent: null,
    provider: null,
    providers: {},
    dependencies: [],
    custom: true,
    remote: false,
    protect: false,
    inputs,
    ...extra,
  };
}

const shortLogs = resource("aws:cloudwatch/logGroup:LogGroup", "short", { retentionInDays: 14 });
const longLogs = resource("aws:cloudwatch/logGroup:LogGroup", "long", { retentionInDays: 365 });
const endpoint = resource("aws:ec2/vpcEndpoint:VpcEndpoint", "sts", {
  vpcEndpointType: "Interface",
  serviceName: "com.amazonaws.eu-central-1.sts",
});

describe("tools/policy-runner (fixture pack)", () => {
  let runner: PolicyRunner;

  before(async () => {
    runner = await PolicyRunner.start({ packDir: FIXTURE, project: "b2b-commerce", stack: "dev" });
  });

  after(async () => {
    await runner?.close();
  });

  it("starts the pack as the CLI does and reads the port from its first stdout line", () => {
    assert.ok(runner.port > 0);
    assert.ok(runner.pid);
  });

  it("tries Handshake as the engine does; @pulumi/policy answers UNIMPLEMENTED, which the engine tolerates", () => {
    assert.equal(runner.handshake, false);
  });

  it("reports the plugin version of @pulumi/policy", async () => {
    const { version } = await runner.pluginInfo();
    // The published package.json of @pulumi/policy 1.21.0 says "v1.21.0"; the plugin reports "1.21.0".
    assert.equal(version, require("@pulumi/policy/package.json").version.replace(/^v/, ""));
  });

  it("reports the pack's name, version, config support and every policy with its level and type", async () => {
    const info = await runner.analyzerInfo();
    assert.equal(info.name, "plan-fixture-policies");
    assert.equal(info.version, "0.0.7");
    assert.equal(info.supportsConfig, true);
    const byName = Object.fromEntries(info.policies.map((p) => [p.name, p]));
    assert.deepEqual(Object.keys(byName).sort(), [
      "fixture-bucket-no-force-destroy",
      "fixture-interface-endpoint-cost",
      "fixture-kms-key-used",
      "fixture-log-group-retention",
    ]);
    assert.equal(byName["fixture-log-group-retention"].enforcementLevel, "mandatory");
    assert.equal(byName["fixture-bucket-no-force-destroy"].enforcementLevel, "remediate");
    assert.equal(byName["fixture-interface-endpoint-cost"].enforcementLevel, "advisory");
    assert.equal(byName["fixture-kms-key-used"].type, "stack");
    assert.equal(byName["fixture-log-group-retention"].type, "resource");
    assert.deepEqual(byName["fixture-log-group-retention"].configSchema?.properties.minimumDays, {
      type: "integer",
      minimum: 1,
      default: 30,
    });
  });

  it("configures every policy with its level and its configSchema defaults when no file is given", async () => {
    const sent = await runner.configure();
    assert.deepEqual(sent["fixture-log-group-retention"], { enforcementLevel: "mandatory", properties: { minimumDays: 30 } });
    assert.deepEqual(sent["fixture-interface-endpoint-cost"], { enforcementLevel: "advisory" });
    assert.deepEqual(sent["fixture-kms-key-used"], { enforcementLevel: "mandatory" });
  });

  it("analyze: a log group under the default threshold is a mandatory violation naming the policy, the resource and the numbers", async () => {
    await runner.configure();
    const ds = await runner.analyze(shortLogs);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].policy, "fixture-log-group-retention");
    assert.equal(ds[0].level, "mandatory");
    assert.equal(ds[0].urn, shortLogs.urn);
    assert.equal(
      ds[0].message,
      "Log groups keep their logs at least `minimumDays` days.\nretentionInDays is 14; at least 30 required.",
    );
  });

  it("analyze: a compliant log group yields no diagnostic", async () => {
    await runner.configure();
    assert.deepEqual(await runner.analyze(longLogs), []);
  });

  it("analyze: an advisory policy reports at advisory level", async () => {
    await runner.configure();
    const ds = await runner.analyze(endpoint);
    assert.deepEqual(
      ds.map((d) => [d.policy, d.level]),
      [["fixture-interface-endpoint-cost", "advisory"]],
    );
  });

  it("configure with a file: `all` sets every level", async () => {
    const sent = await runner.configure(path.join(FIXTURE, "all-advisory.policy.json"));
    assert.equal(sent["fixture-log-group-retention"].enforcementLevel, "advisory");
    assert.deepEqual(sent["fixture-log-group-retention"].properties, { minimumDays: 30 });
    const ds = await runner.analyze(shortLogs);
    assert.deepEqual(
      ds.map((d) => [d.policy, d.level]),
      [["fixture-log-group-retention", "advisory"]],
    );
  });

  it("configure with a file: per-policy levels and properties override the defaults", async () => {
    await runner.configure(path.join(FIXTURE, "strict.policy.json"));
    const logs = await runner.analyze(longLogs);
    assert.equal(logs[0]?.message.split("\n")[1], "retentionInDays is 365; at least 3650 required.");
    assert.equal(logs[0]?.level, "mandatory");
    const ep = await runner.analyze(endpoint);
    assert.equal(ep[0]?.level, "mandatory");
  });

  it("configure rejects invalid levels and values with the policy and value named, as the CLI does", async () => {
    await assert.rejects(runner.configure(path.join(FIXTURE, "bad.policy.json")), (e: unknown) => {
      assert.ok(e instanceof PolicyConfigError);
      assert.match(
        e.message,
        /"fixture-log-group-retention": enforcementLevel "strict" is not valid; allowed: advisory, mandatory, remediate, disabled/,
      );
      assert.match(e.message, /"fixture-interface-endpoint-cost": 3 is not a valid value; must be a string or object/);
      return true;
    });
  });

  it("configure validates properties against the policy's configSchema", async () => {
    await assert.rejects(
      runner.configure(path.join(FIXTURE, "bad-schema.policy.json")),
      /fixture-log-group-retention: minimumDays: Invalid type\. Expected: integer, given: string/,
    );
  });

  it("analyzeStack: passes parent, dependencies and property dependencies; flags the unused key by its URN", async () => {
    await runner.configure();
    const parent = resource("b2b:network:Network", "network", {}, { custom: false });
    const used = resource("aws:kms/key:Key", "used-key", {}, { parent: parent.urn });
    const unused = resource("aws:kms/key:Key", "unused-key", {}, { parent: parent.urn });
    const logs = resource(
      "aws:cloudwatch/logGroup:LogGroup",
      "logs",
      { retentionInDays: 90, kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/used" },
      {
        dependencies: [used.urn],
        propertyDependencies: { kmsKeyId: [used.urn] },
      },
    );
    const ds = await runner.analyzeStack([parent, used, unused, logs]);
    assert.deepEqual(ds, [
      {
        policy: "fixture-kms-key-used",
        level: "mandatory",
        message: "Every KMS key is used by a log group of the stack.\nkey unused-key is used by no log group (parent: network).",
        urn: unused.urn,
      },
    ]);
  });

  it("analyzeStack: a finding without a URN is reported at the root stack resource, as the engine does", async () => {
    await runner.configure();
    const stack = resource("pulumi:pulumi:Stack", "b2b-commerce-dev", {}, { custom: false });
    const key = resource("aws:kms/key:Key", "lonely-key", {}, { parent: stack.urn });
    const ds = await runner.analyzeStack([stack, key]);
    assert.deepEqual(
      ds.map((d) => [d.message.split("\n")[1], d.urn]),
      [["the stack has no log group at all.", stack.urn]],
    );
  });

  it("evaluate: a remediate-level policy fixes the inputs first (Remediate), so Analyze finds nothing, as at preview", async () => {
    await runner.configure();
    const bucket = resource("aws:s3/bucketV2:BucketV2", "data", { bucket: "data", forceDestroy: true });
    assert.deepEqual(await runner.evaluate([bucket, longLogs]), []);
    assert.deepEqual(runner.remediations, [
      {
        policy: "fixture-bucket-no-force-destroy",
        urn: bucket.urn,
        description: "Buckets are not force-destroyed with their objects.",
      },
    ]);
    const remediated = await runner.remediate(bucket);
    assert.equal(remediated.inputs.forceDestroy, false);
  });

  it("analyze alone reports a remediate-level violation as mandatory, as the engine does", async () => {
    await runner.configure();
    const ds = await runner.analyze(resource("aws:s3/bucketV2:BucketV2", "data", { bucket: "data", forceDestroy: true }));
    assert.deepEqual(
      ds.map((d) => [d.policy, d.level]),
      [["fixture-bucket-no-force-destroy", "mandatory"]],
    );
  });

  it("turns the harness's unknown marker back into an unknown, so the pack reports it cannot judge it at preview", async () => {
    await runner.configure();
    const ds = await runner.analyze(resource("aws:cloudwatch/logGroup:LogGroup", "unknown", { retentionInDays: "[unknown]" }));
    assert.equal(ds.length, 1);
    assert.equal(ds[0].level, "advisory");
    assert.match(ds[0].message, /can't run policy 'fixture-log-group-retention' .* during preview/);
  });

  it("a pack with a type error fails to start with ts-node's message: run-policy-pack type-checks", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broken-pack-"));
    try {
      fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "broken-pack", version: "0.0.1", main: "index.ts" }),
      );
      fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
      fs.writeFileSync(path.join(dir, "index.ts"), 'const days: number = "thirty";\nexport { days };\n');
      await assert.rejects(
        PolicyRunner.start({ packDir: dir, startTimeoutMs: 60000 }),
        /exited .* before printing its port:[\s\S]*Unable to compile TypeScript[\s\S]*TS2322/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("close() stops the pack process", async () => {
    const other = await PolicyRunner.start({ packDir: FIXTURE });
    const pid = other.pid!;
    await other.close();
    assert.throws(() => process.kill(pid, 0), /ESRCH/);
  });
});

describe("tools/policy-runner config parsing", () => {
  it("drops empty entries and keeps properties apart from the level", () => {
    assert.deepEqual(parsePolicyConfig({ a: "advisory", b: {}, c: { enforcementLevel: "disabled", n: 1 } }), {
      a: { enforcementLevel: "advisory" },
      c: { enforcementLevel: "disabled", properties: { n: 1 } },
    });
  });

  it("validates the schema subset: type, enum, bounds, items, required", () => {
    const schema = {
      type: "object",
      properties: {
        n: { type: "integer", minimum: 1, maximum: 9 },
        e: { enum: ["x", "y"] },
        l: { type: "array", items: { type: "string" } },
      },
      required: ["n"],
    };
    assert.deepEqual(validateSchema(schema, { n: 5, e: "x", l: ["a"] }, ""), []);
    assert.deepEqual(validateSchema(schema, { n: 10, e: "z", l: [1] }, ""), [
      "n: Must be less than or equal to 9",
      'e: must be one of the following: "x", "y"',
      "l.0: Invalid type. Expected: string, given: integer",
    ]);
    assert.deepEqual(validateSchema(schema, {}, ""), ["(root): n is required"]);
  });
});

describe("ensurePackBuilt (the compiled pack the CLI loads)", () => {
  const scratch = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-build-"));
    fs.mkdirSync(path.join(dir, "scripts"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ main: "bin/index.js" }));
    fs.writeFileSync(path.join(dir, "index.ts"), "export const x = 1;\n");
    // The build counts its runs, so the test sees whether it ran.
    fs.writeFileSync(
      path.join(dir, "scripts", "build.mjs"),
      'import fs from "node:fs"; fs.mkdirSync("bin", { recursive: true }); fs.appendFileSync("builds", "x"); fs.writeFileSync("bin/index.js", "");\n',
    );
    return dir;
  };
  const builds = (dir: string) =>
    fs.existsSync(path.join(dir, "builds")) ? fs.readFileSync(path.join(dir, "builds"), "utf8").length : 0;

  it("builds a missing bundle, rebuilds a stale one, and leaves a fresh one alone", () => {
    const dir = scratch();
    ensurePackBuilt(dir);
    assert.equal(builds(dir), 1, "missing: built");
    ensurePackBuilt(dir);
    assert.equal(builds(dir), 1, "fresh: not rebuilt");
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(dir, "index.ts"), later, later);
    ensurePackBuilt(dir);
    assert.equal(builds(dir), 2, "a source newer than the bundle: rebuilt");
  });

  it("fails loudly when the build fails", () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, "scripts", "build.mjs"), 'console.error("syntax error in policy"); process.exit(1);\n');
    assert.throws(() => ensurePackBuilt(dir), /building the policy pack failed:\n.*syntax error in policy/s);
  });
});
