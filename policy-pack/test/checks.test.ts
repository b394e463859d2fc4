/** The shared check helpers and resource-policy document checks, at their boundaries. */
import * as assert from "node:assert/strict";
import { atLeast, atMost, nonEmpty, notOn, on, oneOf, present, requireThat } from "../lib/checks";
import { UNKNOWN_STRING } from "../lib/props";
import { noPublicStatements, noWildcardActions } from "../lib/resource-policy";

function make(props: Record<string, unknown>) {
  const reports: string[] = [];
  const undecided: string[] = [];
  return {
    r: { props, report: (m: string) => void reports.push(m), undecided: (p: string) => void undecided.push(p) },
    reports,
    undecided,
  };
}

describe("policy-pack lib/checks", () => {
  it("requireThat: true when acceptable, false and a report when not, false and undecided when unknown", () => {
    const ok = make({ a: { b: 3 } });
    assert.equal(requireThat(ok.r, "a.b", atLeast(3), "low"), true);
    assert.deepEqual([ok.reports, ok.undecided], [[], []]);
    const bad = make({ a: { b: 2 } });
    assert.equal(
      requireThat(bad.r, "a.b", atLeast(3), (v) => `got ${String(v)}`),
      false,
    );
    assert.deepEqual([bad.reports, bad.undecided], [["got 2"], []]);
    const unknown = make({ a: UNKNOWN_STRING });
    assert.equal(requireThat(unknown.r, "a.b", atLeast(3), "low"), false);
    assert.deepEqual([unknown.reports, unknown.undecided], [[], ["a.b"]]);
  });

  it("atLeast / atMost: numbers and numeric strings at the boundary; absent, null and empty fail", () => {
    for (const [v, want] of [
      [3, true],
      ["3", true],
      [2, false],
      [4, true],
      [undefined, false],
      [null, false],
      ["", false],
    ] as const)
      assert.equal(atLeast(3)(v), want, `atLeast(3)(${String(v)})`);
    for (const [v, want] of [
      [3, true],
      ["3", true],
      [4, false],
      [2, true],
      [undefined, false],
      [null, false],
      ["", false],
      [0, true],
    ] as const)
      assert.equal(atMost(3)(v), want, `atMost(3)(${String(v)})`);
    // At a zero boundary, null and "" (which Number() reads as 0) must still fail.
    for (const v of [null, "", undefined]) assert.equal(atLeast(0)(v), false, `atLeast(0)(${JSON.stringify(v)})`);
    assert.equal(atLeast(0)(0), true);
  });

  it("oneOf accepts only listed strings; on / notOn / present / nonEmpty", () => {
    assert.equal(oneOf(["1"])("1"), true);
    assert.equal(oneOf(["1"])(1), false);
    assert.equal(oneOf(["a"])("b"), false);
    assert.deepEqual([on(true), on("true"), on(false), on(undefined)], [true, true, false, false]);
    assert.deepEqual([notOn(true), notOn("true"), notOn(false), notOn(undefined)], [false, false, true, true]);
    assert.deepEqual(
      [present("x"), present(""), present(undefined), present(null), present(0)],
      [true, false, false, false, true],
    );
    assert.deepEqual([nonEmpty([1]), nonEmpty([]), nonEmpty(undefined), nonEmpty(UNKNOWN_STRING)], [true, false, false, true]);
  });
});

describe("policy-pack lib/resource-policy", () => {
  const doc = (s: Record<string, unknown>) => JSON.stringify({ Statement: [s] });

  it("ignores an absent or null document and reports an invalid one", () => {
    for (const policy of [undefined, null]) {
      const c = make({ policy });
      noPublicStatements(c.r, "policy", "Queue policy");
      noWildcardActions(c.r, "policy", "Queue policy");
      assert.deepEqual([c.reports, c.undecided], [[], []]);
    }
    const c = make({ policy: "{" });
    noPublicStatements(c.r, "policy", "Queue policy");
    assert.match(c.reports[0], /^The Queue policy is invalid: not valid JSON/);
  });

  it("names the document and the statement (or its absence of a Sid) in the message", () => {
    const c = make({ policy: doc({ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" }) });
    noPublicStatements(c.r, "policy", "Queue policy");
    assert.deepEqual(c.reports, [
      'Queue policy: statement (no Sid) allows principal "*" without an account, organisation, source or network condition.',
    ]);
  });

  it("flags `*`, `<service>:*` and NotAction, not partial wildcards or odd names", () => {
    const run = (s: Record<string, unknown>) => {
      const c = make({
        policy: doc({ Sid: "S", Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Resource: "*", ...s }),
      });
      noWildcardActions(c.r, "policy", "Queue policy");
      return c.reports;
    };
    assert.deepEqual(run({ Action: ["sqs:*", "sqs:SendMessage"] }), [
      "Queue policy: statement S allows sqs:*; name the actions.",
    ]);
    assert.deepEqual(run({ Action: "*" }), ["Queue policy: statement S allows *; name the actions."]);
    assert.deepEqual(run({ NotAction: "sqs:DeleteQueue" }), [
      "Queue policy: statement S allows NotAction (everything but a list); name the actions.",
    ]);
    assert.deepEqual(run({ Action: ["sqs:Get*", "sqs:*Message", "my sqs:*"] }), []);
    assert.deepEqual(run({ Action: "sqs:*", Effect: "Deny" }), []);
  });
});
