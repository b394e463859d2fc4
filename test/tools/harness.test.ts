import { strict as assert } from "node:assert";
import { runStack } from "../../tools/harness";
import { SHARED_RUN, STACKS, stackRun } from "../support/stacks";

describe("tools/harness", () => {
  it("gives the same run for the same input, in this process and in the prefetch process (a run crosses JSON unchanged)", async () => {
    const first = await stackRun("dev"); // under mocha: made by the prefetch process (test/support/stacks.ts)
    const second = await runStack("dev", SHARED_RUN);
    assert.deepEqual(second, first);
    assert.ok(second.resources.length > 100);
  });

  it("records type, name, parent, provider, dependencies, protect and inputs of each registration", async () => {
    const run = await stackRun("prod");
    const group = run.resources.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup" && r.name === "flow-logs")!;
    const key = run.resources.find((r) => r.type === "aws:kms/key:Key" && r.name === "flow-logs-key")!;
    const network = run.resources.find((r) => r.type === "b2b:network:Network")!;
    assert.equal(group.parent, network.urn);
    assert.match(group.provider!, /pulumi:providers:aws::aws$/);
    assert.ok(group.dependencies.includes(key.urn));
    assert.equal(group.protect, true);
    assert.equal(group.custom, true);
    assert.equal(group.remote, false);
    assert.ok(run.resources.find((r) => r.type === "awsx:ec2:Vpc")!.remote);
  });

  it("masks secret inputs and outputs as [secret]", async () => {
    const run = await runStack("dev", {
      program: async () => {
        const pulumi = await import("@pulumi/pulumi");
        return { token: pulumi.secret("s3cr3t-value") };
      },
    });
    assert.equal(run.outputs.token, "[secret]");
    assert.ok(!JSON.stringify(run).includes("s3cr3t-value"));
  });

  it("records the program's warnings instead of printing them; the committed stacks warn only about their placeholders", async () => {
    // The stack files' documentation values (infra/placeholders.ts) are warned about offline by design.
    for (const stack of STACKS) {
      assert.deepEqual(
        (await stackRun(stack)).warnings.filter((w) => !w.startsWith("placeholder:")),
        [],
        stack,
      );
    }
    const printed: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void printed.push(args);
    try {
      const run = await runStack("dev", {
        program: async () => {
          const pulumi = await import("@pulumi/pulumi");
          pulumi.log.warn("planted warning");
        },
      });
      assert.deepEqual(run.warnings, ["planted warning"]);
    } finally {
      console.warn = original;
    }
    assert.deepEqual(printed, []);
  });
});
