import { strict as assert } from "node:assert";
import { checkPlaceholders, findPlaceholders, PlaceholderError } from "../../infra/placeholders";
import { readStackConfig } from "../../tools/harness";
import { STACKS } from "../support/stacks";

describe("placeholders in the stack files", () => {
  for (const stack of STACKS) {
    it(`${stack}: the shipped stack file's example account, ranges and domains are found, each by its key`, () => {
      const found = findPlaceholders(readStackConfig(stack));
      const keys = found.map((p) => p.key);
      assert.ok(keys.includes("b2b-commerce:domain"), keys.join(", "));
      assert.ok(keys.includes("b2b-commerce:alertEmail"));
      assert.ok(keys.includes("b2b-commerce:clusterAdminRoleArn"));
      for (const p of found) assert.ok(p.put.length > 0 && p.what.length > 0);
    });
  }

  it("under the mock runtime (tests, the offline plan) only warns, so the plan keeps working: one warning per placeholder, naming its key", () => {
    // Without an engine the SDK prints pulumi.log.warn through console.warn; captured and asserted here.
    const printed: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void printed.push(args.join(" "));
    try {
      assert.doesNotThrow(() => checkPlaceholders("dev", readStackConfig("dev"), true));
    } finally {
      console.warn = original;
    }
    const found = findPlaceholders(readStackConfig("dev"));
    assert.equal(printed.length, found.length, printed.join("\n"));
    for (const [i, p] of found.entries()) {
      assert.ok(printed[i].includes(`placeholder: config key "${p.key}"`), printed[i]);
      assert.ok(printed[i].endsWith("(allowed offline only)"), printed[i]);
    }
  });

  it("names nested keys and says what to put there", () => {
    const found = findPlaceholders({
      "b2b-commerce:cluster": JSON.stringify({ publicAccessCidrs: ["198.51.100.0/24", "203.0.113.0/24"] }),
    });
    assert.deepEqual(
      found.map((p) => [p.key, p.value]),
      [["b2b-commerce:cluster.publicAccessCidrs[1]", "203.0.113.0/24"]],
    );
    assert.match(found[0].put, /your own public CIDRs/);
  });

  it("does not flag real values", () => {
    assert.deepEqual(
      findPlaceholders({
        "b2b-commerce:domain": "shop.acme-corp.com",
        "b2b-commerce:clusterAdminRoleArn": "arn:aws:iam::210987654321:role/admin",
        "b2b-commerce:cidr": "10.203.0.113/32".replace("/32", ""),
        "b2b-commerce:mail": "ops@notexample.com",
      }),
      [],
    );
  });

  it("outside the mock runtime (a real preview or up) refuses them all at once, naming each key and what to put", () => {
    const config = readStackConfig("prod");
    let error: unknown;
    try {
      checkPlaceholders("prod", config, false);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof PlaceholderError, String(error));
    const message = (error as Error).message;
    assert.match(message, /stack "prod" still has \d+ example values/);
    assert.match(
      message,
      /config key "b2b-commerce:domain" is "shop\.example\.com": a domain reserved for documentation .*; put a domain your organisation owns/,
    );
    assert.match(message, /config key "b2b-commerce:clusterAdminRoleArn" is .*111122223333.*; put your AWS account ID/);
  });
});
