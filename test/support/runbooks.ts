import * as fs from "node:fs";
import * as path from "node:path";
import { RUNBOOK_DIR, runbookPageOf } from "../../lib/runbooks";
import { RegisteredResource, ROOT, StackRun } from "../../tools/harness";

/** One alert the program defines, as found in a stack's run. */
export interface FoundAlert {
  stack: string;
  kind: "Prometheus rule" | "CloudWatch alarm" | "EventBridge alert rule";
  /** Stack-independent name: the Prometheus alert name, or the physical name without `<project>-<stack>-`. */
  id: string;
  /** The runbook page it links to, if any. */
  page?: string;
  /** URN of the resource that defines it. */
  urn: string;
  /** How to link this kind of alert to a page. */
  howToLink: string;
}

const ALARM_TYPES = ["aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/compositeAlarm:CompositeAlarm"];
const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";

type Obj = Record<string, unknown>;

/** Every object with an `alert` and an `expr` anywhere in a value (chart values, PrometheusRule specs, ...). */
function alertRules(value: unknown, out: Obj[] = []): Obj[] {
  if (Array.isArray(value)) value.forEach((v) => alertRules(v, out));
  else if (value && typeof value === "object") {
    const o = value as Obj;
    if (typeof o.alert === "string" && typeof o.expr === "string") out.push(o);
    else Object.values(o).forEach((v) => alertRules(v, out));
  }
  return out;
}

function stripPrefix(run: StackRun, name: unknown, fallback: string): string {
  const prefix = `${run.project}-${run.stack}-`;
  const text = typeof name === "string" ? name : fallback;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/**
 * The alerts of one stack's run, found generically so that alerts added anywhere are covered:
 * every Prometheus alerting rule in any resource's inputs, every CloudWatch metric or composite
 * alarm, and every EventBridge rule with an SNS target (security findings, backup failures, ...).
 */
export function alertsOf(run: StackRun): FoundAlert[] {
  const alerts: FoundAlert[] = [];
  const seen = new Set<string>();
  for (const r of run.resources) {
    for (const rule of alertRules(r.inputs)) {
      const id = rule.alert as string;
      const annotations = (rule.annotations ?? {}) as Obj;
      const key = `${id}|${String(annotations.runbook_url)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      alerts.push({
        stack: run.stack,
        kind: "Prometheus rule",
        id,
        page: runbookPageOf(annotations.runbook_url),
        urn: r.urn,
        howToLink: "prometheusRules() in components/observability/rules.ts sets runbook_url to docs/runbooks/<alert>.md",
      });
    }
    if (ALARM_TYPES.includes(r.type)) {
      alerts.push({
        stack: run.stack,
        kind: "CloudWatch alarm",
        id: stripPrefix(run, r.inputs.name ?? r.inputs.alarmName, r.name),
        page: runbookPageOf(r.inputs.alarmDescription),
        urn: r.urn,
        howToLink: "end alarmDescription with `Runbooks.describe()` / the observability alarm() helper's `runbook`",
      });
    }
  }
  const notifying = new Set(
    run.resources
      .filter((t) => t.type === EVENT_TARGET && String(t.inputs.arn ?? "").startsWith("arn:aws:sns:"))
      .flatMap((t) => t.propertyDependencies?.rule ?? []),
  );
  for (const r of run.resources.filter((x: RegisteredResource) => x.type === EVENT_RULE && notifying.has(x.urn))) {
    alerts.push({
      stack: run.stack,
      kind: "EventBridge alert rule",
      id: stripPrefix(run, r.inputs.name, r.name),
      page: runbookPageOf(r.inputs.description),
      urn: r.urn,
      howToLink: "end the rule's description with `Runbooks.describe()`",
    });
  }
  return alerts;
}

/** The sections every runbook page has, in this order. */
export const RUNBOOK_SECTIONS = ["## What it means", "## First checks", "## Mitigation", "## Escalation"];

/** Runbook pages by name (`docs/runbooks/<name>.md`, README excluded) and their text. */
export function readRunbookPages(dir = path.join(ROOT, RUNBOOK_DIR)): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const file of fs.readdirSync(dir)) {
    if (file.endsWith(".md") && file !== "README.md") pages[file.slice(0, -3)] = fs.readFileSync(path.join(dir, file), "utf8");
  }
  return pages;
}

/** The alert names a page declares on its `Alerts:` line (each in backticks). */
export function declaredAlerts(text: string): string[] {
  const line = text.split("\n").find((l) => l.startsWith("Alerts:"));
  return line ? [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]) : [];
}

/**
 * What is wrong between the alerts and the pages, each problem saying exactly what to add or change:
 * an alert without a link, a link to a missing page, a page that does not declare an alert linking
 * to it, a page declaring an alert that does not link to it (or does not exist), a page no alert
 * links to, and a page without the standard sections.
 */
export function runbookProblems(alerts: FoundAlert[], pages: Record<string, string>): string[] {
  const problems = new Set<string>();
  const linkedBy = new Map<string, Set<string>>();
  for (const a of alerts) {
    const where = `${a.kind} "${a.id}" (stack ${a.stack}, ${a.urn})`;
    if (!a.page) {
      problems.add(
        `${where} links to no runbook: add ${RUNBOOK_DIR}/${a.id}.md (Alerts: \`${a.id}\`) and link it: ${a.howToLink}`,
      );
      continue;
    }
    if (!linkedBy.has(a.page)) linkedBy.set(a.page, new Set());
    linkedBy.get(a.page)!.add(a.id);
    const text = pages[a.page];
    if (text === undefined) {
      problems.add(`${where} links to ${RUNBOOK_DIR}/${a.page}.md, which does not exist: add it (Alerts: \`${a.id}\`)`);
    } else if (!declaredAlerts(text).includes(a.id)) {
      problems.add(`${RUNBOOK_DIR}/${a.page}.md does not name ${where}: add \`${a.id}\` to its "Alerts:" line`);
    }
  }
  for (const [page, text] of Object.entries(pages)) {
    const linking = linkedBy.get(page);
    if (!linking) {
      problems.add(`${RUNBOOK_DIR}/${page}.md is linked by no alert of any stack: link an alert to it or delete it`);
    }
    const declared = declaredAlerts(text);
    if (declared.length === 0) problems.add(`${RUNBOOK_DIR}/${page}.md has no "Alerts:" line naming its alerts in backticks`);
    for (const id of declared) {
      if (linking && !linking.has(id)) {
        problems.add(
          `${RUNBOOK_DIR}/${page}.md names \`${id}\`, but no alert of that name links to it: remove it from "Alerts:"`,
        );
      }
    }
    let at = -1;
    for (const section of RUNBOOK_SECTIONS) {
      const next = text.indexOf(`\n${section}\n`);
      if (next <= at)
        problems.add(
          `${RUNBOOK_DIR}/${page}.md lacks the section "${section}" (sections in order: ${RUNBOOK_SECTIONS.join(", ")})`,
        );
      else at = next;
    }
  }
  return [...problems].sort();
}
