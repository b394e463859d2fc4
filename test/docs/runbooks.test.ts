import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError, loadConfig } from "../../infra/config";
import { RUNBOOK_DIR } from "../../lib/runbooks";
import { readStackConfig, ROOT, StackRun } from "../../tools/harness";
import { alertsOf, declaredAlerts, FoundAlert, readRunbookPages, runbookProblems } from "../support/runbooks";
import { STACKS, stackRun } from "../support/stacks";

const page = (alerts: string[]) =>
  `# Page\n\nAlerts: ${alerts.map((a) => `\`${a}\``).join(", ")}\n\n## What it means\n\nx\n\n## First checks\n\nx\n\n## Mitigation\n\nx\n\n## Escalation\n\nx\n`;

describe("runbooks: every alert of every stack has a page, every page an alert", () => {
  let alerts: FoundAlert[];
  before(async () => {
    const runs: StackRun[] = [];
    for (const stack of STACKS) runs.push(await stackRun(stack));
    alerts = runs.flatMap(alertsOf);
  });

  it("finds the alerts of the run: Prometheus rules and CloudWatch alarms in every stack", () => {
    for (const stack of STACKS) {
      const kinds = new Set(alerts.filter((a) => a.stack === stack).map((a) => a.kind));
      assert.ok(kinds.has("Prometheus rule"), `${stack}: no Prometheus rule found`);
      assert.ok(kinds.has("CloudWatch alarm"), `${stack}: no CloudWatch alarm found`);
    }
    assert.ok(alerts.some((a) => a.id === "NodePressure"));
    assert.ok(alerts.some((a) => a.id === "postgres-primary-free-storage"));
  });

  it("links each alert to an existing page that names it; each page is linked, names only its alerts, has the sections", () => {
    const problems = runbookProblems(alerts, readRunbookPages());
    assert.deepEqual(problems, [], `\n${problems.join("\n")}\n`);
  });
});

describe("runbooks: the check fails on each planted mistake", () => {
  const base = { stack: "prod", urn: "urn:x", howToLink: "link it" };
  const ok: FoundAlert = { ...base, kind: "CloudWatch alarm", id: "db-cpu", page: "db-cpu" };

  it("passes a consistent pair", () => {
    assert.deepEqual(runbookProblems([ok], { "db-cpu": page(["db-cpu"]) }), []);
  });

  it("names the page to add for an alert without a link", () => {
    const problems = runbookProblems([{ ...ok, kind: "Prometheus rule", id: "NewAlert", page: undefined }], {});
    assert.equal(problems.length, 1);
    assert.match(
      problems[0],
      /Prometheus rule "NewAlert" \(stack prod, urn:x\) links to no runbook: add docs\/runbooks\/NewAlert\.md/,
    );
  });

  it("reports a link to a missing page", () => {
    const [p] = runbookProblems([ok], {});
    assert.match(p, /links to docs\/runbooks\/db-cpu\.md, which does not exist: add it \(Alerts: `db-cpu`\)/);
  });

  it("reports a page that does not name an alert linking to it", () => {
    const problems = runbookProblems([ok, { ...ok, id: "db-replica-cpu" }], { "db-cpu": page(["db-cpu"]) });
    assert.deepEqual(problems.length, 1);
    assert.match(problems[0], /docs\/runbooks\/db-cpu\.md does not name .*"db-replica-cpu".*: add `db-replica-cpu`/);
  });

  it("reports a page that no alert links to, and a page naming an alert that is gone", () => {
    const problems = runbookProblems([ok], { "db-cpu": page(["db-cpu", "db-old"]), orphan: page(["Orphan"]) });
    assert.ok(
      problems.some((p) => /orphan\.md is linked by no alert/.test(p)),
      problems.join("\n"),
    );
    assert.ok(
      problems.some((p) => /db-cpu\.md names `db-old`, but no alert of that name links to it/.test(p)),
      problems.join("\n"),
    );
  });

  it("reports a page without its Alerts line or a standard section", () => {
    const problems = runbookProblems([ok], { "db-cpu": "# db\n\n## What it means\n\nx\n" });
    assert.ok(problems.some((p) => /has no "Alerts:" line/.test(p)));
    assert.ok(problems.some((p) => /lacks the section "## First checks"/.test(p)));
  });

  it("reads the Alerts line's backticked names", () => {
    assert.deepEqual(declaredAlerts("# x\nAlerts: `a`, `b-c`\n"), ["a", "b-c"]);
  });
});

describe("runbooks: alerts are found wherever they are defined", () => {
  const run = (resources: StackRun["resources"]): StackRun => ({
    project: "p",
    stack: "s",
    resources,
    outputs: {},
    componentOutputs: {},
    warnings: [],
  });
  const res = (type: string, name: string, inputs: Record<string, unknown>, propertyDependencies?: Record<string, string[]>) => ({
    urn: `urn:pulumi:s::p::${type}::${name}`,
    type,
    name,
    parent: null,
    provider: null,
    providers: {},
    dependencies: [],
    custom: true,
    remote: false,
    protect: false,
    inputs,
    propertyDependencies,
  });

  it("Prometheus rules nested anywhere, alarms by name without the stack prefix, EventBridge rules that notify SNS", () => {
    const rule = res("aws:cloudwatch/eventRule:EventRule", "findings", { name: "p-s-guardduty-findings", description: "x" });
    const found = alertsOf(
      run([
        res("kubernetes:monitoring.coreos.com/v1:PrometheusRule", "r", {
          spec: {
            groups: [{ rules: [{ alert: "A", expr: "up == 0", annotations: { runbook_url: "https://h/docs/runbooks/A.md" } }] }],
          },
        }),
        res("aws:cloudwatch/metricAlarm:MetricAlarm", "cpu", {
          name: "p-s-db-cpu",
          alarmDescription: "x Runbook: https://h/docs/runbooks/db-cpu.md",
        }),
        rule,
        res("aws:cloudwatch/eventTarget:EventTarget", "t", { arn: "arn:aws:sns:eu-central-1:1:alerts" }, { rule: [rule.urn] }),
        res("aws:cloudwatch/eventRule:EventRule", "internal", { name: "p-s-internal" }),
      ]),
    );
    assert.deepEqual(
      found.map((a) => [a.kind, a.id, a.page]),
      [
        ["Prometheus rule", "A", "A"],
        ["CloudWatch alarm", "db-cpu", "db-cpu"],
        ["EventBridge alert rule", "guardduty-findings", undefined],
      ],
    );
  });
});

describe("runbooks: links between the pages resolve", () => {
  it("every relative link of docs/runbooks/*.md points to an existing file", () => {
    const dir = path.join(ROOT, RUNBOOK_DIR);
    const broken: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".md"))) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        if (!fs.existsSync(path.resolve(dir, target))) broken.push(`${RUNBOOK_DIR}/${file} -> ${target}`);
      }
    }
    assert.deepEqual(broken, []);
  });
});

describe("runbooks: the base URL is validated config", () => {
  it("rejects a runbookBaseUrl that is not an https URL of a docs/runbooks folder, naming stack and key", () => {
    const raw = readStackConfig("dev");
    raw["b2b-commerce:runbookBaseUrl"] = "http://wiki/runbooks";
    assert.throws(
      () => loadConfig("b2b-commerce", "dev", raw),
      (e: Error) =>
        e instanceof ConfigError &&
        /stack "dev"/.test(e.message) &&
        /"b2b-commerce:runbookBaseUrl" is "http:\/\/wiki\/runbooks"; allowed: an https URL/.test(e.message),
    );
  });
});
