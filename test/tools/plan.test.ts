/**
 * The offline plan (tools/plan.ts): the command line's exit codes and output, the pinned JSON
 * format, the Markdown report, masking of secrets, and planted violations that must fail the plan.
 */
import { strict as assert } from "node:assert";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ROOT } from "../../tools/harness";
import { PolicyConfigError } from "../../tools/policy-runner";
import { main, PlanDocument, plan, renderMarkdown, renderText, writeReports } from "../../tools/plan";

const NODE = path.join(ROOT, "node_modules", ".bin", "node");
const FIXTURES = path.join(ROOT, "test", "fixtures");
const FIXTURE_PACK = path.join(FIXTURES, "policy-pack");
const TAG_POLICY = "aws-taggable-resource-require-tags";

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The `plan` script of package.json, as `npm run plan -- <args>` runs it: its first steps (the
 * bundle, tools/bundle.mjs) once, its last command per call with the arguments appended.
 */
const PLAN_SCRIPT = (
  JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts.plan
  .split(" && ")
  .map((command) => command.split(" ").map((word) => (word === "node" ? NODE : word)));
let planBuilt = false;

function planCli(args: string[]): Promise<CliResult> {
  if (!planBuilt) {
    for (const [bin, ...rest] of PLAN_SCRIPT.slice(0, -1)) execFileSync(bin, rest, { cwd: ROOT, stdio: "inherit" });
    planBuilt = true;
  }
  const [bin, ...rest] = PLAN_SCRIPT[PLAN_SCRIPT.length - 1];
  return new Promise((resolve, reject) => {
    // Not unref'd: a plan process left behind when mocha exits would leave its pack process running.
    const child = spawn(bin, [...rest, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const RESOURCE_KEYS = ["urn", "type", "name", "parent", "provider", "dependencies", "custom", "remote", "protect", "inputs"];

/**
 * The three plan processes of the command-line tests (each runs a program and starts a pack) start
 * when mocha loads this file, one after the other: they run on the second core while this process
 * runs the rest of the suite on the first, and the tests below wait for their results.
 */
const CLI_OUT = fs.mkdtempSync(path.join(os.tmpdir(), "plan-test-"));
const cliRuns = (async () => {
  const devJson = await planCli(["--stack", "dev", "--json", "--out", CLI_OUT]);
  const fixtureRun = (config: string, out: string) =>
    planCli([
      "--stack",
      "staging",
      "--policy-pack",
      FIXTURE_PACK,
      "--policy-config",
      path.join(FIXTURE_PACK, config),
      "--out",
      path.join(CLI_OUT, out),
    ]);
  const advisory = await fixtureRun("all-advisory.policy.json", "fixture");
  const planted = await fixtureRun("strict.policy.json", "strict");
  return { devJson, advisory, planted };
})();
cliRuns.catch(() => undefined); // awaited by the suite's before hook, which reports the error

describe("tools/plan command line", function () {
  // On a shared 2-core machine the processes can take longer than the suite's default 60 s.
  // Correctness is tested here; speed is `npm run bench`.
  this.timeout(180_000);
  const out = CLI_OUT;
  let devJson: CliResult;
  let advisory: CliResult;
  let planted: CliResult;
  let doc: PlanDocument;

  before(async () => {
    ({ devJson, advisory, planted } = await cliRuns);
    doc = JSON.parse(devJson.stdout);
  });

  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it("exits 0 for the dev stack with the real pack: no mandatory violation", () => {
    assert.equal(devJson.code, 0, devJson.stderr);
    assert.equal(doc.summary.mandatory, 0);
  });

  it("--json prints only the JSON document on stdout, the same as <out>/<stack>.json; progress goes to stderr", () => {
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, "dev.json"), "utf8")), doc);
    assert.match(devJson.stderr, /\[plan\] running the program for stack "dev"/);
    assert.match(devJson.stderr, /\[plan\] analyzed \d+\/\d+ resources/);
  });

  it("JSON format: the pinned top-level keys, resource keys and summary", () => {
    assert.deepEqual(Object.keys(doc), [
      "project",
      "stack",
      "resources",
      "diagnostics",
      "flows",
      "outputs",
      "warnings",
      "architecture",
      "summary",
    ]);
    assert.equal(doc.project, "b2b-commerce");
    assert.equal(doc.stack, "dev");
    for (const r of doc.resources) assert.deepEqual(Object.keys(r), RESOURCE_KEYS, r.urn);
    assert.deepEqual(doc.summary, {
      resources: doc.resources.length,
      mandatory: doc.diagnostics.filter((d) => d.level === "mandatory").length,
      advisory: doc.diagnostics.filter((d) => d.level === "advisory").length,
      flows: doc.flows.length,
      flowsFailing: doc.flows.filter((f) => !f.ok).length,
    });
  });

  it("JSON format: parents, providers and dependencies are URNs of resources in the document, in the engine's form", () => {
    const urns = new Set(doc.resources.map((r) => r.urn));
    for (const r of doc.resources) {
      assert.ok(r.parent === null || urns.has(r.parent), `${r.urn} parent`);
      assert.ok(r.provider === null || urns.has(r.provider), `${r.urn} provider`);
      for (const d of r.dependencies) assert.ok(urns.has(d), `${r.urn} dependency ${d}`);
    }
    // The engine leaves the root stack type out of its children's URNs.
    assert.ok(urns.has("urn:pulumi:dev::b2b-commerce::b2b:network:Network::network"));
    assert.ok(urns.has("urn:pulumi:dev::b2b-commerce::b2b:network:Network$aws:kms/key:Key::flow-logs-key"));
  });

  it("JSON format: inputs as registered, with the modelled tagsAll, and remote components flagged", () => {
    const key = doc.resources.find((r) => r.type === "aws:kms/key:Key")!;
    assert.equal((key.inputs.tagsAll as Record<string, string>).Owner, "platform-team");
    assert.equal(key.inputs.enableKeyRotation, true);
    const vpc = doc.resources.find((r) => r.type === "awsx:ec2:Vpc")!;
    assert.equal(vpc.remote, true);
    assert.equal(vpc.custom, false);
  });

  it("writes a Markdown report with a Mermaid graph of the resource tree", () => {
    const md = fs.readFileSync(path.join(out, "dev.md"), "utf8");
    assert.match(md, /```mermaid\ngraph LR\n/);
    assert.match(md, /r\d+\(\["b2b:network:Network<br\/>network"\]\)/);
    assert.match(md, /awsx:ec2:Vpc<br\/>vpc<br\/>\[remote\]/);
    assert.match(md, /## Policy diagnostics/);
  });

  it("writes the stack's architecture diagram as an SVG: every box and path of the graph, laid out without overlaps", () => {
    const svg = fs.readFileSync(path.join(out, "dev.svg"), "utf8");
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>/);
    assert.match(svg, /<\/svg>\n$/);
    const graph = doc.architecture!;
    assert.ok(graph.nodes.length > 10 && graph.edges.length > 10);
    for (const n of graph.nodes) assert.ok(svg.includes(`<g class="node" id="node-${n.id}">`), n.id);
    for (const e of graph.edges) assert.ok(svg.includes(`data-from="${e.from}" data-to="${e.to}"`), `${e.from} -> ${e.to}`);
    // Dev has no RDS Proxy: the workloads reach the database directly, and the picture says so.
    assert.ok(!graph.nodes.some((n) => n.id === "proxy") && graph.edges.some((e) => e.from === "api" && e.to === "db"));
    assert.doesNotMatch(svg, /#c00/);
    const boxes = [...svg.matchAll(/<g class="node" id="node-([^"]+)"><(?:rect|ellipse|path) ([^>]+)>/g)].map((m) => m[1]);
    assert.equal(boxes.length, graph.nodes.length);
    const strict = fs.readFileSync(path.join(out, "strict", "staging.svg"), "utf8");
    const strictJson = JSON.parse(fs.readFileSync(path.join(out, "strict", "staging.json"), "utf8")) as PlanDocument;
    const violatingTypes = new Set(
      strictJson.diagnostics
        .filter((d) => d.level === "mandatory")
        .map((d) => strictJson.resources.find((r) => r.urn === d.urn)?.type),
    );
    const red = strictJson.architecture!.nodes.filter((n) => n.types.some((t) => violatingTypes.has(t)));
    assert.ok(red.length > 0, "the planted violations fall on boxes of the diagram");
    for (const n of red) assert.match(strict, new RegExp(`id="node-${n.id}"><[^>]*stroke="#c00"`), n.id);
  });

  it("prints the resource tree like `pulumi preview`, marks remote components and explains them", () => {
    assert.equal(advisory.code, 0, advisory.stderr);
    assert.match(advisory.stdout, / \+ {2}pulumi:pulumi:Stack +b2b-commerce-staging +create/);
    assert.match(advisory.stdout, / \+ {2}[├└]─ b2b:network:Network +network +create/);
    assert.match(advisory.stdout, / \+ {2}[│ ] {2}├─ awsx:ec2:Vpc +vpc +create \[remote\]/);
    assert.match(advisory.stdout, /their children appear only at a real `pulumi preview`/);
    assert.match(advisory.stdout, /Resources by type:\n(.|\n)*aws:ec2\/vpcEndpoint:VpcEndpoint +7/);
  });

  it("exits 0 with advisory violations only, listed under their level, one line per policy with the resources it names", () => {
    // Grouped: one line per policy with its count and description, then the resources it names.
    assert.match(advisory.stdout, /mandatory \(0\)\n {2}advisory \(\d+, \d+ polic(y|ies)\)\n {4}\[fixture-/);
    assert.match(advisory.stdout, /\n {4}\[fixture-interface-endpoint-cost\] x\d+: .*\n {8}.*ecr-api/);
  });

  it("exits 1 when a policy config turns an advisory policy mandatory (planted violation), naming the policy and the resources", () => {
    assert.equal(planted.code, 1, planted.stderr);
    const json = JSON.parse(fs.readFileSync(path.join(out, "strict", "staging.json"), "utf8")) as PlanDocument;
    // 6 interface endpoints plus every log group kept less than the planted 3650 days.
    assert.ok(json.summary.mandatory >= 7);
    assert.match(planted.stdout, new RegExp(`mandatory \\(${json.summary.mandatory}\\)`));
    assert.match(planted.stdout, /\[fixture-interface-endpoint-cost\] aws:ec2\/vpcEndpoint:VpcEndpoint "sts"/);
    assert.match(
      planted.stdout,
      /\[fixture-log-group-retention\] aws:cloudwatch\/logGroup:LogGroup "flow-logs"\n {8}.*\n {8}retentionInDays is 30; at least 3650 required\./,
    );
    assert.ok(json.diagnostics.every((d) => d.urn && json.resources.some((r) => r.urn === d.urn)));
  });

  it("exits 2 with the usage when --stack is missing or an option is unknown", async () => {
    // One real process for the exit status; the other cases through main(), which the process runs.
    const cli = await planCli(["--stack", "dev", "--bogus"]);
    assert.equal(cli.code, 2);
    assert.match(cli.stderr, /usage: npm run plan -- --stack <name>/);
    assert.equal(cli.stdout, "");
    for (const args of [[], ["--stack"]]) {
      const r = await mainInProcess(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, /usage: npm run plan -- --stack <name>/);
      assert.equal(r.stdout, "");
    }
  });
});

/**
 * The command line's error paths, through main() in this process: the same code the `plan` process
 * runs (its `require.main` branch only maps main()'s result to the exit status, proven above), so
 * each case costs no process start.
 */
describe("tools/plan command line errors (main in process)", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-errors-"));
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it("exits 2 for a stack without a stack file", async () => {
    const r = await mainInProcess(["--stack", "qa", "--out", out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no stack file Pulumi\.qa\.yaml for stack "qa"/);
  });

  it("exits 2 on a stack file that is not valid YAML, naming the file, the line and what is wrong, without a stack trace", async () => {
    const r = await mainInProcess([
      "--stack",
      "dev",
      "--stack-file",
      path.join(FIXTURES, "stacks", "Pulumi.invalid-yaml.yaml"),
      "--out",
      out,
    ]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /error: test\/fixtures\/stacks\/Pulumi\.invalid-yaml\.yaml:\d+:\d+: not valid YAML: .+/);
    assert.match(r.stderr, /Pulumi\.invalid-yaml\.yaml:5:/, "the line where the unclosed list is detected");
    assert.doesNotMatch(r.stderr, /\n\s+at |YAMLException/);
    assert.equal(r.stdout, "");
  });

  it("exits 2 on bad stack config, naming stack, key, value and what is allowed, without a stack trace", async () => {
    const r = await mainInProcess([
      "--stack",
      "dev",
      "--stack-file",
      path.join(FIXTURES, "stacks", "Pulumi.bad.yaml"),
      "--out",
      out,
    ]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Invalid configuration for stack "dev" \(2 problems\)/);
    assert.match(
      r.stderr,
      /config key "b2b-commerce:region" is "mars-north-9"; allowed: an AWS region name such as eu-central-1/,
    );
    assert.match(r.stderr, /config key "b2b-commerce:owner" is not set; allowed: a tag value/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.equal(r.stdout, "");
  });

  it("exits 2 on a bad policy config file before running the program", async () => {
    const r = await mainInProcess([
      "--stack",
      "dev",
      "--policy-pack",
      FIXTURE_PACK,
      "--policy-config",
      path.join(FIXTURE_PACK, "bad.policy.json"),
      "--out",
      out,
    ]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Invalid policy config test\/fixtures\/policy-pack\/bad\.policy\.json \(2 problems\)/);
    assert.doesNotMatch(r.stderr, /running the program/);
  });

  it("rejects a policy config that fails a policy's configSchema with the policy config error (exit 2, as above)", async () => {
    // The schemas come from the pack, so this error is found after the program has run; a small
    // program keeps the test about the config, not about the platform.
    await assert.rejects(
      plan({
        stack: "dev",
        policyPack: FIXTURE_PACK,
        policyConfig: path.join(FIXTURE_PACK, "bad-schema.policy.json"),
        program: SMALL_PROGRAM,
      }),
      (e: Error) =>
        e instanceof PolicyConfigError &&
        /fixture-log-group-retention: minimumDays: Invalid type\. Expected: integer, given: string/.test(e.message),
    );
  });
});

/** A program of two resources, for tests about the plan's machinery rather than the platform. */
async function SMALL_PROGRAM() {
  new aws.cloudwatch.LogGroup("small", { retentionInDays: 400 });
  return {};
}

/** Runs main() with process.stdout/stderr captured. */
async function capture(stdout: string[], stderr: string[], fn: () => Promise<number>): Promise<number> {
  const writes = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string) => (stdout.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  }
}

async function mainInProcess(args: string[]): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await capture(stdout, stderr, () => main(args));
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

describe("tools/plan with a secret and a planted untagged resource (real pack, in process)", () => {
  const SECRET = "hunter2-plaintext-7f3a9c";
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-secret-"));
  let doc: PlanDocument;

  before(async () => {
    ({ document: doc } = await plan({
      stack: "dev",
      secrets: { "test:dbPassword": SECRET },
      // Only the planted resource: the platform's own zero-violation runs are test/policy-pack/stacks.test.ts.
      program: async () => {
        const password = new pulumi.Config("test").requireSecret("dbPassword");
        // Default provider on purpose: no defaultTags, so the required-tags policy must flag it.
        new aws.ssm.Parameter("planted-secret", { type: "SecureString", value: password });
        return { dbPassword: password };
      },
    }));
  });

  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it("shows the secret input and output as [secret]", () => {
    const param = doc.resources.find((r) => r.name === "planted-secret")!;
    assert.equal(param.inputs.value, "[secret]");
    assert.equal(doc.outputs.dbPassword, "[secret]");
  });

  it("writes the secret's plaintext nowhere: not in the JSON, the Markdown, the printed report or the diagnostics", () => {
    const files = writeReports(doc, out);
    for (const f of files) assert.ok(!fs.readFileSync(f, "utf8").includes(SECRET), f);
    assert.ok(!renderText(doc).includes(SECRET));
    assert.ok(!renderMarkdown(doc).includes(SECRET));
    assert.ok(!JSON.stringify(doc).includes(SECRET));
  });

  it("leaves no policy pack process behind", () => {
    const children = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
    assert.doesNotMatch(children, /run-policy-pack/);
  });

  it("--no-policy plans without the pack: no diagnostics", async () => {
    // The small program has an untagged resource the pack would flag: without the pack, nothing is.
    const { document } = await plan({ stack: "dev", noPolicy: true, program: SMALL_PROGRAM });
    assert.ok(document.resources.some((r) => r.name === "small"));
    assert.deepEqual(document.diagnostics, []);
    assert.equal(document.summary.mandatory, 0);
    assert.equal(document.summary.advisory, 0);
  });

  it("the planted untagged resource is a mandatory violation of the required-tags policy, naming it", () => {
    const param = doc.resources.find((r) => r.name === "planted-secret")!;
    const hits = doc.diagnostics.filter((d) => d.policy === TAG_POLICY && d.level === "mandatory");
    assert.deepEqual(
      hits.map((d) => d.urn),
      [param.urn],
    );
    assert.equal(doc.summary.mandatory, doc.diagnostics.filter((d) => d.level === "mandatory").length);
  });
});
