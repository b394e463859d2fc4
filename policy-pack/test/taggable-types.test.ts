import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { awsPackageDir, deriveTaggableTypes, TAGGABLE_TYPES_FILE } from "../scripts/generate-taggable-types";

describe("policy-pack/taggable-types.json", () => {
  it("is what the generator derives from the installed @pulumi/aws (run `npm run generate:taggable` when stale)", function () {
    this.timeout(120000);
    const committed = JSON.parse(fs.readFileSync(TAGGABLE_TYPES_FILE, "utf8"));
    const derived = deriveTaggableTypes(awsPackageDir());
    assert.equal(committed.source, derived.source);
    assert.deepEqual(committed.types, derived.types);
    assert.ok(derived.types.length > 500);
  });
});
