/** Cross-resource references and where IAM documents live, on their own. */
import * as assert from "node:assert/strict";
import { identityDocuments } from "../lib/iam/documents";
import type { StackResource } from "../lib/policy";
import { UNKNOWN_STRING } from "../lib/props";
import { ofTypes, refersTo } from "../lib/stack";
import { T } from "../lib/types";

function r(name: string, props: Record<string, unknown>, extra: Partial<StackResource> = {}): StackResource {
  return {
    type: "t",
    name,
    urn: `urn:${name}`,
    props,
    opts: {} as StackResource["opts"],
    dependencies: [],
    propertyDependencies: {},
    ...extra,
  };
}

describe("lib/stack: refersTo", () => {
  const key = r("key", { arn: "arn:aws:kms:eu-west-1:1:key/k", id: "k" });

  it("by property dependency on that property only", () => {
    assert.equal(
      refersTo(r("g", { kmsKeyId: UNKNOWN_STRING }, { propertyDependencies: { kmsKeyId: ["urn:key"] } }), "kmsKeyId", key),
      true,
    );
    assert.equal(
      refersTo(r("g", { kmsKeyId: UNKNOWN_STRING }, { propertyDependencies: { other: ["urn:key"] } }), "kmsKeyId", key),
      false,
    );
    assert.equal(
      refersTo(r("g", { kmsKeyId: UNKNOWN_STRING }, { propertyDependencies: { kmsKeyId: ["urn:other"] } }), "kmsKeyId", key),
      false,
    );
  });

  it("by resource dependency only when no property dependencies are recorded and the property is set", () => {
    assert.equal(refersTo(r("g", { kmsKeyId: "x" }, { dependencies: ["urn:key"] }), "kmsKeyId", key), true);
    assert.equal(refersTo(r("g", {}, { dependencies: ["urn:key"] }), "kmsKeyId", key), false);
    assert.equal(
      refersTo(r("g", { kmsKeyId: "x" }, { dependencies: ["urn:key"], propertyDependencies: { tags: [] } }), "kmsKeyId", key),
      false,
    );
    assert.equal(refersTo(r("g", { kmsKeyId: "x" }, { dependencies: ["urn:other"] }), "kmsKeyId", key), false);
  });

  it("by known value: arn or id by default, other keys when asked, in a list too; unknown values match nothing", () => {
    assert.equal(refersTo(r("g", { kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k" }), "kmsKeyId", key), true);
    assert.equal(refersTo(r("g", { kmsKeyId: "k" }), "kmsKeyId", key), true);
    assert.equal(refersTo(r("g", { kmsKeyId: ["x", "k"] }), "kmsKeyId", key), true);
    assert.equal(refersTo(r("g", { kmsKeyId: "k" }), "kmsKeyId", key, ["arn"]), false);
    assert.equal(refersTo(r("g", { bucket: "b" }), "bucket", r("b", { bucket: "b" }), ["bucket"]), true);
    assert.equal(refersTo(r("g", { kmsKeyId: UNKNOWN_STRING }), "kmsKeyId", r("k", { arn: UNKNOWN_STRING })), false);
    assert.equal(refersTo(r("g", { kmsKeyId: 7 }), "kmsKeyId", r("k", { id: 7 })), false);
    assert.equal(refersTo(r("g", {}), "kmsKeyId", key), false);
  });

  it("ofTypes keeps the resources of the given types, in order", () => {
    const rs = [r("a", {}, { type: "x" }), r("b", {}, { type: "y" }), r("c", {}, { type: "x" })];
    assert.deepEqual(
      ofTypes(rs, ["x"]).map((x) => x.name),
      ["a", "c"],
    );
    assert.deepEqual(ofTypes(rs, []), []);
  });
});

describe("lib/iam/documents: identityDocuments", () => {
  it("a policy's document, a role's inline policies with their paths, nothing elsewhere", () => {
    assert.deepEqual(identityDocuments(T.iamPolicy, { policy: "{}" }), [{ path: "policy", doc: "{}" }]);
    assert.deepEqual(identityDocuments(T.iamPolicy, {}), []);
    assert.deepEqual(
      identityDocuments(T.iamRole, { inlinePolicies: [{ name: "a", policy: "{}" }, { name: "b" }, { policy: "[]" }] }),
      [
        { path: "inlinePolicies.0.policy", doc: "{}" },
        { path: "inlinePolicies.2.policy", doc: "[]" },
      ],
    );
    assert.deepEqual(identityDocuments(T.iamRole, {}), []);
    assert.deepEqual(identityDocuments(T.iamRole, { inlinePolicies: UNKNOWN_STRING }), [
      { path: "inlinePolicies", doc: UNKNOWN_STRING },
    ]);
    assert.deepEqual(identityDocuments("aws:s3/bucketV2:BucketV2", { policy: "{}", inlinePolicies: [{ policy: "{}" }] }), []);
  });
});
