/**
 * The k6 load tests (loadtest/): they type-check against the pinned @types/k6 with their own
 * tsconfig, their thresholds are the observability rules' SLO, and one order of their traffic is
 * the capacity model's requests per order.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_SLO } from "../../components/observability/rules";
import { JOURNEYS as CAPACITY_JOURNEYS } from "../../infra/sections/capacity";
import { CAPACITY } from "../../stacks/capacity";
import { ROOT } from "../../tools/root";
import { MIX, visitsPerMinute } from "../../loadtest/lib/mix";
import { JOURNEYS, SLO, sloThresholds } from "../../loadtest/lib/slo";

const run = promisify(execFile);
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");

async function tsc(project: string): Promise<{ ok: boolean; output: string }> {
  try {
    const r = await run(process.execPath, [TSC, "--noEmit", "-p", project], { cwd: ROOT });
    return { ok: true, output: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${x.stdout ?? ""}${x.stderr ?? ""}` };
  }
}

describe("load tests (loadtest/, k6)", () => {
  it("type-check with their own tsconfig against @types/k6, and a planted misuse of the k6 API fails", async function () {
    this.timeout(180_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "k6-planted-"));
    fs.writeFileSync(
      path.join(dir, "bad.ts"),
      'import http from "k6/http";\nhttp.get(42);\nexport const x: number = http.batch;\n',
    );
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: path.join(ROOT, "loadtest", "tsconfig.json"),
        compilerOptions: { typeRoots: [path.join(ROOT, "node_modules", "@types")] },
        include: [],
        files: [path.join(dir, "bad.ts")],
      }),
    );
    const [real, planted] = await Promise.all([
      tsc(path.join(ROOT, "loadtest", "tsconfig.json")),
      tsc(path.join(dir, "tsconfig.json")),
    ]);
    assert.ok(real.ok, real.output);
    assert.ok(!planted.ok, "the planted misuse type-checked");
    assert.match(planted.output, /bad\.ts\(2,10\).*TS2345/);
  });

  it("pin @types/k6 to an exact version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    assert.match(pkg.devDependencies["@types/k6"] ?? "", /^\d+\.\d+\.\d+$/);
  });

  it("hold the observability rules' SLO: at most 0.1 % failed requests, p99 under 500 ms, overall and per journey", () => {
    assert.deepEqual(SLO, {
      availability: DEFAULT_SLO.availability,
      latency: DEFAULT_SLO.latency,
      latencyThresholdSeconds: DEFAULT_SLO.latencyThresholdSeconds,
    });
    const t = sloThresholds();
    const rate = Number(/^rate<(.+)$/.exec(t.http_req_failed[0])![1]);
    const [, pct, ms] = /^p\((.+)\)<(.+)$/.exec(t.http_req_duration[0])!;
    assert.ok(Math.abs(rate - (1 - DEFAULT_SLO.availability)) < 1e-12);
    assert.equal(Number(pct), DEFAULT_SLO.latency * 100);
    assert.equal(Number(ms), DEFAULT_SLO.latencyThresholdSeconds * 1000);
    for (const j of JOURNEYS) {
      assert.deepEqual(t[`http_req_failed{journey:${j}}`], t.http_req_failed);
      assert.deepEqual(t[`http_req_duration{journey:${j}}`], t.http_req_duration);
    }
  });

  it("replay the capacity model's journeys: visits x requests per visit = requests per order, per service", () => {
    assert.deepEqual([...JOURNEYS], [...CAPACITY_JOURNEYS]);
    for (const env of ["dev", "staging", "prod"] as const) {
      for (const j of JOURNEYS) {
        const m = MIX[j];
        assert.deepEqual(
          { storefront: m.visitsPerOrder * m.requests.storefront, api: m.visitsPerOrder * m.requests.api },
          CAPACITY[env].requestsPerOrder.journeys[j],
          `${env} ${j}`,
        );
      }
    }
    assert.equal(visitsPerMinute("browseCatalogue", 30), 300);
  });

  it("each journey makes the requests the mix counts (read from the script: storefront pages and api calls)", () => {
    const text = fs.readFileSync(path.join(ROOT, "loadtest", "journeys", "index.ts"), "utf8");
    for (const j of JOURNEYS) {
      const body = new RegExp(`export function ${j}\\(\\): void \\{([\\s\\S]*?)\\n\\}`).exec(text)?.[1] ?? "";
      // A counted loop `for (let i = 0; i < N; i++) ok(api...)` makes N calls from one call site.
      const loops = [...body.matchAll(/for \(let i = 0; i < (\d+); i\+\+\)\s*ok\(api/g)].reduce(
        (s, m) => s + Number(m[1]) - 1,
        0,
      );
      const pages = (body.match(/\bpage\(/g) ?? []).length;
      const api = (body.match(/\bapi(Get|Post)\(/g) ?? []).length + loops;
      assert.deepEqual({ storefront: pages, api }, MIX[j].requests, j);
    }
  });
});
