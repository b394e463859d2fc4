/**
 * tools/bench-plan.ts (`npm run bench`): the figures it derives from its samples, and the section
 * of docs/plan.md it writes. The timings themselves are never asserted.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { BenchReport, DOC, END, START, renderBench, withSection } from "../../tools/bench-plan";

const phase = (stack: string, resources: number, harnessMs: number, analysisMs: number) => ({
  stack,
  resources,
  harnessMs,
  harnessCpuMs: harnessMs / 2,
  packStartMs: 500,
  analysisMs,
  analysisCpuMs: analysisMs * 1.5,
});

const report: BenchReport = {
  date: "2026-12-01 15:30:00 UTC",
  cpus: 2,
  cpuModel: "Test CPU",
  node: "v22.23.3",
  loadBefore: [0.1, 0.2, 0.3],
  loadAfter: [1, 2, 3],
  rounds: 3,
  // Medians: prod run 1000 ms, analysis 800 ms over 500 resources; the outlier rounds do not count.
  phases: [phase("prod", 500, 1000, 800), phase("prod", 500, 5000, 9000), phase("prod", 500, 900, 700)],
  plan: {
    prod: [
      { wallMs: 3000, cpuMs: 4000 },
      { wallMs: 3500, cpuMs: 4500 },
      { wallMs: 2500, cpuMs: 9000 },
    ],
  },
  tests: { wallMs: 55_000, cpuMs: 80_000, passing: 2000 },
  pack: "| Pack | ms |\n| --- | --- |\n| this pack | 1 |",
};

describe("tools/bench-plan.ts", () => {
  const text = renderBench(report);

  it("states the date, the CPUs, Node and the load before and after", () => {
    assert.match(text, /Measured 2026-12-01 15:30:00 UTC by `npm run bench`: 2 CPUs \(Test CPU\), Node v22\.23\.3/);
    assert.match(text, /load average \(1, 5, 15 min\) 0\.10 0\.20 0\.30 before and 1\.00 2\.00 3\.00 after; 3 rounds/);
  });

  it("derives the relative figures from the medians: per resource, CPU per resource, plan over program run", () => {
    const cells = text
      .split("\n")
      .filter((l) => l.startsWith("| prod |"))[0]
      .split("|")
      .map((c) => c.trim());
    // analysis 800/500, analysis CPU 1200/500, run 1000/500, plan CPU 4500/500, plan wall 3000 / run 1000
    assert.deepEqual(cells.slice(1, 8), ["prod", "500", "1.60", "2.40", "2.00", "9.00", "3.0"]);
  });

  it("lists the absolute figures as median [min-max], the test suite and the pack comparison", () => {
    assert.match(
      text,
      /\| prod \| 1000 \[900-5000\] \| 500 \[450-2500\] \| 500 \[500-500\] \| 800 \[700-9000\] \| 1200 \[1050-13500\] \| 3000 \[2500-3500\] \| 4500 \[4000-9000\] \|/,
    );
    assert.match(text, /`npm test`: 55 s wall, 80 s CPU, 2000 tests \(40\.0 ms CPU per test\)/);
    assert.match(text, /\| this pack \| 1 \|/);
  });

  it("replaces only the section between the markers of docs/plan.md, which has them", () => {
    const doc = fs.readFileSync(DOC, "utf8");
    assert.ok(doc.includes(START) && doc.includes(END), "docs/plan.md lacks the bench markers");
    const replaced = withSection(doc, "NEW SECTION\n");
    assert.equal(replaced.slice(0, doc.indexOf(START)), doc.slice(0, doc.indexOf(START)));
    assert.equal(replaced.slice(replaced.indexOf(END)), doc.slice(doc.indexOf(END)));
    assert.ok(replaced.includes(`${START}\n\nNEW SECTION\n\n${END}`));
    assert.throws(() => withSection("no markers", "x"), /lacks the markers/);
  });
});
