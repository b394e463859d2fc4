/**
 * The failover and failback runbook (docs/dr.md) names config keys that must exist: every
 * `pulumi config set|rm [--path] <key> [<value>]` there resolves to a field of the config schema
 * (infra/sections), and every literal value is one that field accepts. A renamed field or a
 * misspelt mode fails here instead of during an incident.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { SECTIONS, stack } from "../../infra/sections";
import { ROOT } from "../../tools/harness";

interface ConfigCommand {
  line: number;
  verb: "set" | "rm";
  key: string;
  value?: string;
}

/** The `pulumi config set|rm` commands of a Markdown text (in code blocks or inline). */
export function configCommands(text: string): ConfigCommand[] {
  const out: ConfigCommand[] = [];
  text.split("\n").forEach((l, i) => {
    for (const m of l.matchAll(
      /pulumi config (set|rm)((?:\s+--(?:path|secret))*)\s+([A-Za-z][\w.:-]*)(?:\s+(?!--)([^\s`]+))?/g,
    )) {
      out.push({ line: i + 1, verb: m[1] as "set" | "rm", key: m[3], value: m[1] === "set" ? m[4] : undefined });
    }
  });
  return out;
}

function unwrap(s: unknown): unknown {
  let cur = s;
  for (;;) {
    if (cur instanceof z.ZodPipe) cur = cur.in;
    else if (cur && typeof cur === "object" && "unwrap" in cur && typeof (cur as { unwrap: unknown }).unwrap === "function")
      cur = (cur as { unwrap: () => unknown }).unwrap();
    else return cur;
  }
}

/** The schema a config key (`dr.mode`, `dr.standbyOrigin.dnsName`, `b2b-commerce:domain`) names, or an error. */
export function schemaOf(key: string): z.ZodType | string {
  const [head, ...rest] = key.replace(/^[\w-]+:/, "").split(".");
  for (const section of [stack, ...Object.values(SECTIONS)]) {
    const d = section.def as {
      key?: string;
      fields?: Record<string, z.ZodType>;
      keys?: Record<string, z.ZodType>;
      secrets?: Record<string, z.ZodType>;
    };
    let schema: unknown;
    if (d.key === head) {
      if (rest.length === 0) return z.object(d.fields ?? {});
      schema = d.fields?.[rest[0]];
      if (!schema) return `"${key}": ${head} has no field ${rest[0]} (fields: ${Object.keys(d.fields ?? {}).join(", ")})`;
      for (const part of rest.slice(1)) {
        const inner = unwrap(schema);
        if (!(inner instanceof z.ZodObject)) return `"${key}": ${part} is below a field that is not an object`;
        schema = (inner.shape as Record<string, unknown>)[part];
        if (!schema) return `"${key}": no field ${part} (fields: ${Object.keys(inner.shape).join(", ")})`;
      }
      return schema as z.ZodType;
    }
    const top = d.keys?.[head] ?? d.secrets?.[head];
    if (top && rest.length === 0) return top;
  }
  return `"${key}": no config section or key ${head}`;
}

/** Problems of a runbook text: unknown keys, values the schema refuses. Placeholders (`<...>`, `$VAR`) are not checked. */
export function runbookProblems(text: string): string[] {
  const problems: string[] = [];
  for (const c of configCommands(text)) {
    const schema = schemaOf(c.key);
    if (typeof schema === "string") {
      problems.push(`line ${c.line}: ${schema}`);
      continue;
    }
    if (c.verb === "set" && c.value === undefined) problems.push(`line ${c.line}: pulumi config set ${c.key} without a value`);
    if (c.value !== undefined && !/^[<$]/.test(c.value) && !schema.safeParse(c.value).success)
      problems.push(`line ${c.line}: ${c.key} does not accept ${JSON.stringify(c.value)}`);
  }
  return problems;
}

const DR_DOC = fs.readFileSync(path.join(ROOT, "docs", "dr.md"), "utf8");

describe("docs/dr.md failover and failback runbook: config keys", () => {
  it("uses only config keys the schema has, with values it accepts", () => {
    assert.ok(configCommands(DR_DOC).length >= 5);
    assert.deepEqual(runbookProblems(DR_DOC), []);
  });

  it("fails over in two steps (promoted, then active) and fails back to pilot light, in that order", () => {
    const modes = configCommands(DR_DOC)
      .filter((c) => c.key === "dr.mode")
      .map((c) => c.value);
    assert.deepEqual(modes, ["promoted", "active", "pilot-light"]);
    const keys = new Set(configCommands(DR_DOC).map((c) => c.key));
    for (const k of ["dr.standbyOrigin.dnsName", "dr.standbyOrigin.zoneId", "dr.standbyOrigin"]) assert.ok(keys.has(k), k);
  });

  it("the check fails on a planted unknown key, a misspelt mode and a nested field that does not exist", () => {
    assert.deepEqual(runbookProblems("pulumi config set --path dr.modes promoted --stack prod"), [
      'line 1: "dr.modes": dr has no field modes (fields: mode, vpcCidr, natStrategy, replica, standbyOrigin)',
    ]);
    assert.deepEqual(runbookProblems("pulumi config set --path dr.mode promote --stack prod"), [
      'line 1: dr.mode does not accept "promote"',
    ]);
    assert.match(runbookProblems("pulumi config set --path dr.standbyOrigin.dns x")[0], /no field dns/);
    assert.match(runbookProblems("pulumi config set --path dns.mode x")[0], /no config section or key dns/);
    assert.deepEqual(runbookProblems("pulumi config set --path dr.standbyOrigin.dnsName <dr-alb-dns-name>"), []);
    assert.deepEqual(runbookProblems("pulumi config set domain shop.example.com"), []);
  });
});
