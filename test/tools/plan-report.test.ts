import * as assert from "node:assert/strict";
import { groupByPolicy, PlanDocument, renderText } from "../../tools/plan";

const res = (name: string) => ({
  urn: `urn:pulumi:dev::p::aws:s3/bucket:Bucket::${name}`,
  type: "aws:s3/bucket:Bucket",
  name,
  parent: null,
  provider: null,
  dependencies: [],
  custom: true,
  remote: false,
  protect: false,
  inputs: {},
});
const advisory = (policy: string, name: string) =>
  ({ policy, level: "advisory", urn: res(name).urn, message: `${policy} says why.\nDetails for ${name}.` }) as never;

const doc: PlanDocument = {
  project: "p",
  stack: "dev",
  resources: ["a", "b", "c", "d", "e", "f"].map(res),
  diagnostics: [...["a", "b", "c", "d", "e"].map((n) => advisory("protect", n)), advisory("multi-az", "f")],
  outputs: {},
  warnings: ["secret pagerDutyRoutingKey is not set; critical alerts are only e-mailed"],
  flows: [],
  summary: { resources: 6, mandatory: 0, advisory: 6, flows: 0, flowsFailing: 0 },
};

describe("the plan's report: quiet advisories, loud warnings", () => {
  it("groups advisory diagnostics by policy, busiest first, with their resources", () => {
    const groups = groupByPolicy(doc.diagnostics);
    assert.deepEqual(
      groups.map((g) => [g.policy, g.urns.length, g.description]),
      [
        ["protect", 5, "protect says why."],
        ["multi-az", 1, "multi-az says why."],
      ],
    );
  });

  it("prints one line per advisory policy (not per resource) and the program's warnings first", () => {
    const text = renderText(doc);
    assert.equal(text.match(/\[protect\]/g)?.length, 1);
    assert.match(text, /\[protect\] x5: protect says why\.\n +a, b, c, d, \+1 more/);
    assert.match(text, /advisory \(6, 2 policies\)/);
    assert.ok(text.indexOf("WARNINGS (1)") < text.indexOf("Resources by type"), "warnings come before the tree");
    assert.match(text, /! secret pagerDutyRoutingKey is not set/);
  });
});
