import { strict as assert } from "node:assert";
import { NAME_LIMITS, NameKind, Naming } from "../../lib/naming";

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
