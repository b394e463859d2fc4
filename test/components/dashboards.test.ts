/**
 * Grafana dashboards held against Grafana's own types (`@grafana/schema`, the package Grafana
 * generates from its dashboard schema) and every Prometheus query against the Prometheus project's
 * PromQL grammar (`@prometheus-io/lezer-promql`).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";
import { ROOT } from "../../tools/harness";
import { promqlErrors } from "../support/promql";

const DIR = path.join(ROOT, "components/observability/dashboards");
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith(".json"));

/** Type-checks each dashboard as a literal `satisfies Dashboard`; returns the diagnostics per file. */
function typeCheck(dashboards: Record<string, string>): Record<string, string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashboards-"));
  const files = Object.entries(dashboards).map(([name, json]) => {
    const file = path.join(dir, `${name}.ts`);
    fs.writeFileSync(
      file,
      `import type { Dashboard } from "@grafana/schema";\nexport const dashboard = (${json.trim()}) satisfies Dashboard;\n`,
    );
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    typeRoots: [],
    types: [],
    baseUrl: ROOT,
    paths: { "@grafana/schema": [path.join(ROOT, "node_modules/@grafana/schema/dist/types/index.d.ts")] },
  });
  const out: Record<string, string[]> = {};
  for (const file of files) {
    const name = path.basename(file, ".ts");
    out[name] = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n").slice(-1)[0]);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

/** Grafana's template variables replaced by a duration, which fits every place they appear in. */
const withoutVariables = (expr: string) => expr.replace(/\$\{?__?\w+(:\w+)?\}?/g, "5m");

describe("dashboards against @grafana/schema and the PromQL grammar", () => {
  it("every dashboard type-checks as a Grafana Dashboard", function () {
    this.timeout(120_000);
    const result = typeCheck(
      Object.fromEntries(FILES.map((f) => [path.basename(f, ".json"), fs.readFileSync(path.join(DIR, f), "utf8")])),
    );
    for (const [name, errors] of Object.entries(result)) assert.deepEqual(errors, [], `${name}.json`);
  });

  it("the type check catches a textbox variable with an empty `current`", function () {
    this.timeout(120_000);
    const bad = { title: "t", templating: { list: [{ name: "alb", type: "textbox", current: {}, query: "" }] } };
    const result = typeCheck({ bad: JSON.stringify(bad) });
    assert.ok(
      result.bad.some((e) => /text|value/.test(e)),
      result.bad.join("\n"),
    );
  });

  for (const file of FILES) {
    it(`${file}: every Prometheus query parses`, () => {
      const dashboard = JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8"));
      const queries: string[] = [];
      for (const panel of dashboard.panels ?? []) {
        for (const t of panel.targets ?? []) if (t.datasource?.type === "prometheus") queries.push(t.expr);
      }
      for (const v of dashboard.templating?.list ?? []) {
        if (v.datasource?.type === "prometheus" && typeof v.query?.query === "string") {
          // label_values(metric, label) is Grafana's, not PromQL: parse its metric selector.
          const m = /^label_values\((.+),\s*\w+\)$/.exec(v.query.query);
          queries.push(m ? m[1] : v.query.query);
        }
      }
      for (const q of queries) {
        assert.equal(typeof q, "string", "a Prometheus target without expr");
        assert.deepEqual(promqlErrors(withoutVariables(q)), [], q);
      }
    });
  }
});
