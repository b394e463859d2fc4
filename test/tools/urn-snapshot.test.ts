/**
 * Refactors must not destroy data: the URN of every stateful resource in the committed snapshots
 * (test/snapshots/<stack>.urns.json) is still registered, or aliased. Update the snapshots
 * deliberately with `npm run snapshot:urns`.
 */
import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RegisteredResource, StackRun, runStack } from "../../tools/harness";
import { stackRun } from "../support/stacks";
import { STATEFUL_TYPES, aliasUrns, lostStatefulResources, makeSnapshot, readSnapshot, withEngineUrns } from "../../tools/urns";

const STACKS = ["dev", "staging", "prod"] as const;

/** The run with one resource renamed, as a refactor would. */
function rename(run: StackRun, type: string, from: string, to: string, extra: Partial<RegisteredResource> = {}): StackRun {
  return {
    ...run,
    resources: run.resources.map((r) =>
      r.type === type && r.name === from
        ? { ...r, name: to, urn: r.urn.replace(new RegExp(`::${from}$`), `::${to}`), ...extra }
        : r,
    ),
  };
}

describe("URN snapshot guard", () => {
  const runs: Record<string, StackRun> = {};

  before(async () => {
    for (const stack of STACKS) runs[stack] = withEngineUrns(await stackRun(stack));
  });

  for (const stack of STACKS) {
    it(`${stack}: every stateful resource of the committed snapshot keeps its URN (or has an alias)`, () => {
      const snapshot = readSnapshot(stack);
      assert.ok(snapshot, `test/snapshots/${stack}.urns.json is missing: run \`npm run snapshot:urns\``);
      const lost = lostStatefulResources(snapshot, runs[stack]);
      assert.deepEqual(lost, [], lost.join("\n"));
    });

    it(`${stack}: the snapshot covers the stateful resources the program registers now (else run \`npm run snapshot:urns\`)`, () => {
      const snapshot = readSnapshot(stack)!;
      const missing = runs[stack].resources
        .filter((r) => STATEFUL_TYPES.has(r.type) && !snapshot.urns.includes(r.urn))
        .map((r) => r.urn);
      assert.deepEqual(missing, []);
    });
  }

  it("a renamed log group without an alias fails, naming the resource, its likely successor and the fix", () => {
    const run = runs.dev;
    const lost = lostStatefulResources(
      makeSnapshot(run),
      rename(run, "aws:cloudwatch/logGroup:LogGroup", "flow-logs", "vpc-flow-logs"),
    );
    assert.equal(lost.length, 1);
    assert.match(
      lost[0],
      /^stack "dev": the log group aws:cloudwatch\/logGroup:LogGroup "flow-logs" \(urn:pulumi:dev::b2b-commerce::b2b:network:Network\$aws:cloudwatch\/logGroup:LogGroup::flow-logs\) is no longer registered/,
    );
    assert.match(
      lost[0],
      /it looks renamed to urn:pulumi:dev::b2b-commerce::b2b:network:Network\$aws:cloudwatch\/logGroup:LogGroup::vpc-flow-logs/,
    );
    assert.match(lost[0], /`pulumi up` would delete it and create a new one/);
    assert.match(lost[0], /Fix: add `aliases: \[\{ name: "flow-logs" \}\]`/);
    assert.match(lost[0], /update the snapshot deliberately with `npm run snapshot:urns`/);
  });

  it("the same rename with `aliases: [{ name: <old> }]` passes", () => {
    const run = runs.dev;
    const renamed = rename(run, "aws:cloudwatch/logGroup:LogGroup", "flow-logs", "vpc-flow-logs", {
      aliases: [{ name: "flow-logs" }],
    });
    assert.deepEqual(lostStatefulResources(makeSnapshot(run), renamed), []);
  });

  it("renaming a stateless resource (a security group) is free", () => {
    const run = runs.dev;
    assert.deepEqual(
      lostStatefulResources(makeSnapshot(run), rename(run, "aws:ec2/securityGroup:SecurityGroup", "endpoints-sg", "endpoints")),
      [],
    );
  });

  it("a moved key (new parent) without an alias fails", () => {
    const run = runs.prod;
    const moved = {
      ...run,
      resources: run.resources.map((r) =>
        // The home network's key (the DR network has one of the same name).
        r.type === "aws:kms/key:Key" && r.name === "flow-logs-key" && !r.urn.includes("b2b:dr:DrRegion")
          ? { ...r, parent: null, urn: "urn:pulumi:prod::b2b-commerce::aws:kms/key:Key::flow-logs-key" }
          : r,
      ),
    };
    const lost = lostStatefulResources(makeSnapshot(run), moved);
    assert.equal(lost.length, 1);
    assert.match(lost[0], /KMS key .* "flow-logs-key"/);
    assert.match(lost[0], /the old URN had the parent of type b2b:network:Network/);
  });
});

class Outer extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Outer", name);
    const inner = new Inner("inner", { parent: this });
    new aws.kms.Key("renamed-key", { enableKeyRotation: true }, { parent: inner, aliases: [{ name: "old-key" }] });
    new aws.kms.Key("moved-key", { enableKeyRotation: true }, { parent: this, aliases: [{ parent: undefined }] });
    this.registerOutputs({});
  }
}

class Inner extends pulumi.ComponentResource {
  constructor(name: string, opts: pulumi.ComponentResourceOptions) {
    super("test:index:Inner", name, {}, opts);
    this.registerOutputs({});
  }
}

describe("aliases and URNs as the engine computes them", () => {
  let run: StackRun;

  before(async () => {
    run = withEngineUrns(
      await runStack("dev", {
        program: async () => {
          new Outer("outer");
        },
      }),
    );
  });

  it("a grandchild's URN carries its parents' whole type chain, without the root stack type", () => {
    const key = run.resources.find((r) => r.name === "renamed-key")!;
    assert.equal(key.urn, "urn:pulumi:dev::b2b-commerce::test:index:Outer$test:index:Inner$aws:kms/key:Key::renamed-key");
    assert.equal(key.parent, "urn:pulumi:dev::b2b-commerce::test:index:Outer$test:index:Inner::inner");
  });

  it("the harness records a name alias, and it resolves to the old URN under the same parent", () => {
    const key = run.resources.find((r) => r.name === "renamed-key")!;
    assert.deepEqual(aliasUrns(key, run.project, run.stack), [
      "urn:pulumi:dev::b2b-commerce::test:index:Outer$test:index:Inner$aws:kms/key:Key::old-key",
    ]);
  });

  it("an alias with `parent: undefined` resolves to the top-level URN (the resource moved into a component)", () => {
    const key = run.resources.find((r) => r.name === "moved-key")!;
    assert.deepEqual(aliasUrns(key, run.project, run.stack), ["urn:pulumi:dev::b2b-commerce::aws:kms/key:Key::moved-key"]);
  });

  it("the guard accepts both aliased changes against a snapshot holding the old URNs", () => {
    const snapshot = {
      stack: "dev",
      urns: [
        "urn:pulumi:dev::b2b-commerce::test:index:Outer$test:index:Inner$aws:kms/key:Key::old-key",
        "urn:pulumi:dev::b2b-commerce::aws:kms/key:Key::moved-key",
      ],
    };
    assert.deepEqual(lostStatefulResources(snapshot, run), []);
    const withoutAliases = { ...run, resources: run.resources.map((r) => ({ ...r, aliases: [] })) };
    assert.equal(lostStatefulResources(snapshot, withoutAliases).length, 2);
  });
});
