import { strict as assert } from "node:assert";
import { TAGGABLE_TYPES } from "../../policy-pack/taggable";
import { REQUIRED_TAG_KEYS } from "../../infra/tagging";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { ROOT, StackRun } from "../../tools/harness";
import { STACKS, stackRun } from "../support/stacks";

const DATA_STORE_TYPES = new Set([
  "aws:rds/instance:Instance",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:secretsmanager/secret:Secret",
]);

for (const stack of STACKS) {
  describe(`tagging and providers (${stack})`, () => {
    let run: StackRun;
    before(async () => {
      run = await stackRun(stack);
    });

    it("has exactly one AWS provider for the stack's region, carrying the required tags as defaultTags", () => {
      const providers = run.resources.filter((r) => r.type === "pulumi:providers:aws" && r.name === "aws");
      assert.equal(providers.length, 1);
      const defaults = JSON.parse(providers[0].inputs.defaultTags as string).tags as Record<string, string>;
      assert.deepEqual(Object.keys(defaults).sort(), [...REQUIRED_TAG_KEYS].sort());
      assert.equal(defaults.Environment, stack);
      assert.equal(defaults.ManagedBy, "pulumi");
    });

    it("creates every AWS resource through an explicit provider (never a default provider)", () => {
      const awsProviders = new Set(run.resources.filter((r) => r.type === "pulumi:providers:aws").map((r) => r.urn));
      const custom = run.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
      assert.ok(custom.length > 10);
      for (const r of custom) assert.ok(r.provider && awsProviders.has(r.provider), `${r.type} ${r.name} uses ${r.provider}`);
    });

    it("creates every custom resource of every package through an explicit provider, as Pulumi.yaml disables the defaults", () => {
      const project = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
        config: Record<string, { value: string[] }>;
      };
      assert.deepEqual(project.config["pulumi:disable-default-providers"].value, ["aws", "kubernetes"]);
      const custom = run.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
      assert.ok(custom.some((r) => r.type.startsWith("kubernetes:")));
      for (const r of custom) assert.ok(r.provider, `${r.type} ${r.name} has no explicit provider`);
    });

    it("hands the provider to remote components, so their children get the default tags at deploy time", () => {
      // The stack's provider, or in the DR region the DR provider (same default tags).
      const explicit = run.resources.filter((r) => r.type === "pulumi:providers:aws" && ["aws", "aws-dr"].includes(r.name));
      const remote = run.resources.filter((r) => r.remote && (r.type.startsWith("awsx:") || r.type.startsWith("eks:")));
      assert.ok(remote.length >= 1);
      for (const r of remote) {
        const given = explicit.find((p) => p.urn === r.providers.aws);
        assert.ok(given, `${r.type} ${r.name}`);
        if (!r.urn.includes("b2b:dr:DrRegion")) assert.equal(given.name, "aws", `${r.type} ${r.name}`);
      }
    });

    it("puts every required tag on every taggable AWS resource", () => {
      const taggable = run.resources.filter((r) => r.custom && TAGGABLE_TYPES.has(r.type));
      assert.ok(taggable.length > 5);
      for (const r of taggable) {
        const tags = r.inputs.tagsAll as Record<string, string>;
        for (const key of REQUIRED_TAG_KEYS) assert.ok(tags?.[key], `${r.type} ${r.name} lacks ${key}`);
        assert.equal(tags.Environment, stack);
      }
    });

    it("classifies every data store (DataClassification tag)", () => {
      for (const r of run.resources.filter((x) => DATA_STORE_TYPES.has(x.type))) {
        assert.match(
          String((r.inputs.tagsAll as Record<string, string>).DataClassification),
          /^(public|internal|confidential|restricted)$/,
          `${r.type} ${r.name}`,
        );
      }
    });
  });
}

describe("the taggable-type list", () => {
  it("models tagsAll only for types whose state has tagsAll", () => {
    assert.ok(TAGGABLE_TYPES.has("aws:kms/key:Key"));
    assert.ok(TAGGABLE_TYPES.has("aws:ec2/vpcEndpoint:VpcEndpoint"));
    assert.ok(!TAGGABLE_TYPES.has("aws:iam/rolePolicy:RolePolicy"));
    assert.ok(!TAGGABLE_TYPES.has("aws:kms/alias:Alias"));
  });
});
