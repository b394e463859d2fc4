/**
 * The pack's end-to-end protocol test: starts policy-pack/ exactly as the Pulumi CLI
 * does and speaks the analyzer protocol to it: plugin info, analyzer info, configure with a
 * stack's policy config file, analyze and analyze-stack. Works for any number of policies; the
 * few facts about one policy are in the constants below.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, RegisteredResource, StackRun, readStackConfig } from "../../tools/harness";
import { STACKS, stackRun } from "../support/stacks";
import { PolicyRunner } from "../../tools/policy-runner";
import { withEngineUrns } from "../../tools/urns";

/** The pack's required-tags policy: the violation this test plants and the words its message carries. */
const TAG_POLICY = "aws-taggable-resource-require-tags";
const TAG_MESSAGE = /Missing required tags: .*Owner/;
const REQUIRED_TAGS = {
  Project: "b2b-commerce",
  Environment: "dev",
  Owner: "platform-team",
  CostCenter: "CC-1042",
  ManagedBy: "pulumi",
};

function bucket(name: string, tags: Record<string, string>): RegisteredResource {
  return {
    urn: `urn:pulumi:dev::b2b-commerce::aws:s3/bucketV2:BucketV2::${name}`,
    type: "aws:s3/bucketV2:BucketV2",
    name,
    parent: null,
    provider: null,
    providers: {},
    dependencies: [],
    custom: true,
    remote: false,
    protect: false,
    inputs: { bucket: name, tags, tagsAll: tags },
  };
}

describe("policy pack over the analyzer protocol (as the Pulumi CLI runs it)", () => {
  let runner: PolicyRunner;
  let prod: StackRun;

  before(async () => {
    prod = withEngineUrns(await stackRun("prod"));
    runner = await PolicyRunner.start({ project: "b2b-commerce", stack: "dev", config: readStackConfig("dev") });
  });

  after(async () => {
    await runner?.close();
  });

  it("answers GetPluginInfo with the @pulumi/policy version", async () => {
    const { version } = await runner.pluginInfo();
    assert.match(version, /^\d+\.\d+\.\d+/);
  });

  it("answers GetAnalyzerInfo with the pack's name and version and every policy of policy-pack/policies", async () => {
    const info = await runner.analyzerInfo();
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "policy-pack", "package.json"), "utf8"));
    assert.equal(info.name, "b2b-commerce-policies");
    assert.equal(info.version, pkg.version);
    assert.equal(info.supportsConfig, true);
    const { allPolicies } = require("../../policy-pack/policies") as { allPolicies: { name: string }[] };
    assert.deepEqual(info.policies.map((p) => p.name).sort(), allPolicies.map((p) => p.name).sort());
    assert.ok(info.policies.some((p) => p.name === TAG_POLICY));
    for (const p of info.policies)
      assert.ok(["advisory", "mandatory", "remediate", "disabled"].includes(p.enforcementLevel), p.name);
  });

  for (const stack of STACKS) {
    it(`accepts the ${stack} stack's policy config (stacks/${stack}.policy.json, or the defaults when absent) and configures every policy`, async () => {
      const file = path.join(ROOT, "stacks", `${stack}.policy.json`);
      const sent = await runner.configure(fs.existsSync(file) ? file : undefined);
      const info = await runner.analyzerInfo();
      for (const p of info.policies) assert.ok(sent[p.name]?.enforcementLevel, `${p.name} has a level`);
    });
  }

  it("Analyze: an untagged bucket violates the required-tags policy, mandatory, naming the bucket and the missing tags", async () => {
    await runner.configure();
    const untagged = bucket("untagged", { Name: "untagged" });
    const ds = (await runner.analyze(untagged)).filter((d) => d.policy === TAG_POLICY);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].level, "mandatory");
    assert.equal(ds[0].urn, untagged.urn);
    assert.match(ds[0].message, TAG_MESSAGE);
  });

  it("Analyze: a bucket with every required tag passes the required-tags policy", async () => {
    await runner.configure();
    const ds = await runner.analyze(bucket("tagged", REQUIRED_TAGS));
    assert.deepEqual(
      ds.filter((d) => d.policy === TAG_POLICY),
      [],
    );
  });

  it("Analyze: the level follows a policy config file (`all: advisory` downgrades the violation)", async () => {
    await runner.configure(path.join(ROOT, "test", "fixtures", "policy-pack", "all-advisory.policy.json"));
    const ds = (await runner.analyze(bucket("untagged", {}))).filter((d) => d.policy === TAG_POLICY);
    assert.deepEqual(
      ds.map((d) => d.level),
      ["advisory"],
    );
    await runner.configure();
  });

  /**
   * The whole of prod (the largest stack) over the wire, plus one
   * planted untagged bucket: the planted bucket is the only resource with a mandatory finding. Dev's whole stack
   * goes over the wire in test/tools/plan.test.ts (the `plan` command with the real pack), and every
   * stack through the server's RPC functions in test/policy-pack/stacks.test.ts.
   */
  it("AnalyzeStack and Analyze of every resource of prod plus one planted untagged bucket: only the planted bucket violates a mandatory policy", async () => {
    await runner.configure(path.join(ROOT, "stacks", "prod.policy.json"));
    await runner.configureStack({ stack: "prod", project: "b2b-commerce", config: readStackConfig("prod") });
    const planted = bucket("planted", {});
    const ds = await runner.evaluate([...prod.resources, planted]);
    const mandatory = ds.filter((d) => d.level === "mandatory");
    const report = mandatory.map((d) => `${d.policy} ${d.urn}: ${d.message}`).join("\n");
    assert.deepEqual([...new Set(mandatory.map((d) => d.urn))], [planted.urn], report);
    assert.ok(
      mandatory.some((d) => d.policy === TAG_POLICY),
      report,
    );
    await runner.configureStack({ stack: "dev", project: "b2b-commerce", config: readStackConfig("dev") });
  });
});
