import { strict as assert } from "node:assert";
import { NAME_LIMITS, NameKind, Naming } from "../../lib/naming";
import { STACKS, stackRun } from "../support/stacks";

describe("lib/naming", () => {
  const naming = new Naming("b2b-commerce", "prod");

  it("builds <project>-<stack>-<name>", () => {
    assert.equal(naming.physical("api"), "b2b-commerce-prod-api");
  });

  it("keeps every kind within its service's length limit, even for long names", () => {
    const long = "storefront-static-assets-with-a-very-long-descriptive-name-that-goes-on";
    for (const kind of Object.keys(NAME_LIMITS) as NameKind[]) {
      const name = naming.physical(long, kind);
      assert.ok(name.length <= NAME_LIMITS[kind], `${kind}: ${name} (${name.length})`);
      assert.match(name, /^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
    }
  });

  it("fits ALB and target group names in 32 characters for the longest stack name we allow", () => {
    const n = new Naming("b2b-commerce", "staging");
    assert.ok(n.physical("storefront", "targetGroup").length <= 32);
    assert.ok(n.physical("public-alb", "loadBalancer").length <= 32);
  });

  it("gives two long names with a shared prefix different, stable results", () => {
    const a = naming.physical("x".repeat(40) + "-storefront", "targetGroup");
    const b = naming.physical("x".repeat(40) + "-api", "targetGroup");
    assert.notEqual(a, b);
    assert.equal(a, naming.physical("x".repeat(40) + "-storefront", "targetGroup"));
  });

  it("lower-cases and replaces characters AWS names do not allow", () => {
    assert.equal(naming.physical("Orders_DB v2"), "b2b-commerce-prod-orders-db-v2");
  });

  it("builds log group paths under /<project>/<stack>/", () => {
    assert.equal(naming.logGroup("vpc-flow-logs"), "/b2b-commerce/prod/vpc-flow-logs");
  });
});

describe("bucket names (global across all AWS accounts)", () => {
  const resolve = (o: { apply: (f: (v: string) => void) => unknown }) => new Promise<string>((r) => o.apply(r));
  const naming = new Naming("b2b-commerce", "prod");

  it("end in the account and region, so two accounts with the same project and stack never collide", async () => {
    const a = await resolve(naming.bucket("alb-logs", "111122223333", "eu-central-1"));
    const b = await resolve(naming.bucket("alb-logs", "444455556666", "eu-central-1"));
    const c = await resolve(naming.bucket("alb-logs", "111122223333", "us-east-1"));
    assert.equal(a, "b2b-commerce-prod-alb-logs-111122223333-eu-central-1");
    assert.equal(new Set([a, b, c]).size, 3);
  });

  it("shorten only the stem of a long name and keep the account and region whole, within 63 characters", async () => {
    const long = await resolve(naming.bucket("a-very-long-bucket-purpose-name-for-archives", "111122223333", "ap-southeast-2"));
    assert.ok(long.length <= 63, long);
    assert.match(long, /^[a-z0-9-]+-111122223333-ap-southeast-2$/);
  });

  it("bucketPattern matches the bucket in every account and region, and refuses a stem that could be shortened", async () => {
    const pattern = naming.bucketPattern("alb-logs");
    assert.equal(pattern, "b2b-commerce-prod-alb-logs-*");
    const re = new RegExp(`^${pattern.replace(/[.]/g, "\\.").replace("*", ".*")}$`);
    for (const [account, region] of [
      ["111122223333", "eu-central-1"],
      ["444455556666", "ap-southeast-2"],
      ["777788889999", "us-gov-west-1"],
    ])
      assert.match(await resolve(naming.bucket("alb-logs", account, region)), re);
    assert.throws(() => naming.bucketPattern("a-very-long-bucket-purpose-name-for-archives"), /too long/);
  });

  for (const stack of STACKS) {
    it(`${stack}: every bucket of the program is named with the account and region, under its old logical name`, async () => {
      const run = await stackRun(stack);
      // Every bucket of every component, the security component's audit archive included.
      const buckets = run.resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
      assert.ok(
        buckets.some((b) => b.urn.includes("b2b:security:")),
        "the audit buckets are checked too",
      );
      assert.ok(buckets.length >= 5);
      for (const b of buckets) {
        assert.match(b.inputs.bucket as string, /^[a-z0-9][a-z0-9-]{1,61}-111122223333-eu-central-1$/, b.name);
        assert.ok((b.inputs.bucket as string).length <= 63);
      }
    });
  }
});
