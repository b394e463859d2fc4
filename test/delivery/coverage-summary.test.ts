import { strict as assert } from "node:assert";
import { coverageTable } from "../../tools/coverage-summary";

describe("tools/coverage-summary (the PR job summary's coverage table)", () => {
  const metric = (covered: number, total: number) => ({ covered, total, pct: (100 * covered) / total });
  it("renders c8's json-summary totals as a Markdown table", () => {
    const table = coverageTable({
      total: { lines: metric(90, 100), statements: metric(45, 50), functions: metric(8, 10), branches: metric(3, 4) },
    });
    assert.match(table, /\| lines \| 90 \| 100 \| 90\.0 \|/);
    assert.match(table, /\| branches \| 3 \| 4 \| 75\.0 \|/);
  });
  it("fails on a summary without totals instead of printing an empty table", () => {
    assert.throws(() => coverageTable({}), /no total\.lines/);
  });
});
