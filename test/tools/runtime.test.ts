import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";

describe("the supported runtime", () => {
  it("runs the tests on Node 22 LTS (the pinned `node` package), as package.json engines require", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
    assert.equal(pkg.engines.node, ">=22 <23");
    assert.equal(process.versions.node.split(".")[0], "22");
  });
});
