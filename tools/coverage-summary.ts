/**
 * Prints c8's `json-summary` report (coverage/coverage-summary.json) as a Markdown table for the
 * GitHub job summary: `node --import tsx tools/coverage-summary.ts <file> >> "$GITHUB_STEP_SUMMARY"`.
 */
import * as fs from "node:fs";

interface Metric {
  total: number;
  covered: number;
  pct: number;
}
type Summary = Record<string, Record<"lines" | "statements" | "functions" | "branches", Metric>>;

const METRICS = ["lines", "statements", "functions", "branches"] as const;

export function coverageTable(summary: Summary): string {
  const rows = ["| Coverage | Covered | Total | % |", "| --- | ---: | ---: | ---: |"];
  for (const m of METRICS) {
    const t = summary.total?.[m];
    if (!t) throw new Error(`coverage summary has no total.${m}`);
    rows.push(`| ${m} | ${t.covered} | ${t.total} | ${t.pct.toFixed(1)} |`);
  }
  return ["### Test coverage", "", ...rows, ""].join("\n");
}

if (require.main === module) {
  const file = process.argv[2] ?? "coverage/coverage-summary.json";
  if (!fs.existsSync(file)) {
    console.log(`### Test coverage\n\nNo coverage report at ${file} (the test step failed before writing it).`);
  } else {
    console.log(coverageTable(JSON.parse(fs.readFileSync(file, "utf8")) as Summary));
  }
}
