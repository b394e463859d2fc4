/**
 * How raw property values are read (lib/props.ts): absent and null values, unknown sentinels at
 * preview, single values where lists are expected, and the effective tags.
 */
import * as assert from "node:assert/strict";
import { get, isTrue, list, tagsOf, UNKNOWN_STRING } from "../lib/props";

describe("lib/props: reading raw properties", () => {
  it("get stops at absent, null and unknown values on the path", () => {
    assert.equal(get({ a: { b: 1 } }, "a.b"), 1);
    assert.equal(get({ a: null }, "a.b.c"), null);
    assert.equal(get({}, "a.b"), undefined);
    assert.equal(get({ a: UNKNOWN_STRING }, "a.b"), UNKNOWN_STRING);
    assert.equal(get({ a: [{ b: 2 }] }, "a.0.b"), 2);
  });

  it("list: absent and null are empty, a single value is a list of one, unknown is undefined", () => {
    assert.deepEqual(list(undefined), []);
    assert.deepEqual(list(null), []);
    assert.deepEqual(list("x"), ["x"]);
    assert.deepEqual(list(["x", "y"]), ["x", "y"]);
    assert.equal(list(UNKNOWN_STRING), undefined);
  });

  it('isTrue accepts true and "true" only', () => {
    assert.deepEqual([true, "true", "TRUE", 1, false, undefined].map(isTrue), [true, true, false, false, false, false]);
  });

  it("tagsOf prefers tagsAll, falls back to tags (also when tagsAll is null), and is undefined while unknown", () => {
    assert.deepEqual(tagsOf({ tagsAll: { A: "1" }, tags: { B: "2" } }), { A: "1" });
    assert.deepEqual(tagsOf({ tagsAll: null, tags: { B: "2" } }), { B: "2" });
    assert.deepEqual(tagsOf({ tags: null }), {});
    assert.deepEqual(tagsOf({}), {});
    assert.equal(tagsOf({ tagsAll: UNKNOWN_STRING, tags: { B: "2" } }), undefined);
    assert.equal(tagsOf({ tags: UNKNOWN_STRING }), undefined);
  });
});
