/**
 * Renders the policy table from the pack's own metadata (name, area, severity, level,
 * description, controls) and writes it between `<!-- policy-table:start -->` and
 * `<!-- policy-table:end -->` in docs/policies.md. Per-stack levels come from
 * stacks/<stack>.policy.json when the pack sits in this repository.
 *
 * Run `npm run docs:policies` after adding or changing a policy; a test fails while the page
 * differs from what this script renders. The block is formatted with the repository's prettier
 * settings, so `prettier --check` and this script agree on every character.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PackPolicy } from "../lib/policy";
import { policiesByArea } from "../policies";

export const START = "<!-- policy-table:start -->";
export const END = "<!-- policy-table:end -->";
const REPO = path.resolve(__dirname, "..", "..");
export const POLICY_DOC = path.join(REPO, "docs", "policies.md");
const STACKS = ["dev", "staging", "prod"];

type Level = string;

/** Per stack, policy name -> level, from stacks/<stack>.policy.json (absent: empty). */
function stackLevels(): Record<string, Record<string, Level>> {
  const out: Record<string, Record<string, Level>> = {};
  for (const stack of STACKS) {
    const file = path.join(REPO, "stacks", `${stack}.policy.json`);
    if (!fs.existsSync(file)) continue;
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string | { enforcementLevel?: string }>;
    out[stack] = Object.fromEntries(
      Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : (v.enforcementLevel ?? "mandatory")]),
    );
  }
  return out;
}

// Escape what Markdown would read as table syntax, emphasis or HTML.
const cell = (s: string) => s.replace(/([|*_<>])/g, "\\$1").replace(/\n/g, " ");

function level(p: PackPolicy, levels: Record<string, Record<string, Level>>): string {
  const base = p.enforcementLevel ?? "mandatory";
  const differing = Object.entries(levels)
    .map(([stack, l]) => [stack, l[p.name] ?? base])
    .filter(([, l]) => l !== base);
  if (differing.length === 0) return base;
  const byLevel = new Map<string, string[]>();
  for (const [stack, l] of differing) byLevel.set(l, [...(byLevel.get(l) ?? []), stack]);
  return `${base} (${[...byLevel].map(([l, stacks]) => `${l} in ${stacks.join(", ")}`).join("; ")})`;
}

function controls(p: PackPolicy): string {
  const c = p.meta.controls;
  if (!Array.isArray(c)) return "none";
  return c
    .map((x) =>
      x.replace("CIS-AWS-3.0:", "CIS ").replace("CIS-AWS-5.0:", "CIS5 ").replace("PCI-DSS-4.0.1:", "PCI ").replace("FSBP:", ""),
    )
    .join(", ");
}

/** The Markdown block (without markers), before formatting. */
export function renderTable(): string {
  const levels = stackLevels();
  const rows: string[] = [
    "| Policy | Area | Severity | Level | Description | Controls |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  let count = 0;
  for (const [area, policies] of Object.entries(policiesByArea)) {
    for (const p of policies) {
      count++;
      rows.push(
        `| \`${p.name}\` | ${area} | ${p.severity} | ${cell(level(p, levels))} | ${cell(p.description)} | ${controls(p)} |`,
      );
    }
  }
  const intro =
    `${count} policies, generated from the pack's metadata by \`npm run docs:policies\`. ` +
    'Controls: AWS Security Hub FSBP control ids (e.g. RDS.3), CIS = CIS AWS Foundations Benchmark v3.0.0, CIS5 = v5.0.0, PCI = PCI DSS v4.0.1; `none` means no control applies (the policy says why; the sources are listed under "Controls" below). ' +
    "Levels in parentheses come from `stacks/<stack>.policy.json`: availability rules are advisory where the environment trades them for cost (see docs/policies.md).";
  const config: string[] = ["| Policy | Property | Type | Default | Meaning |", "| --- | --- | --- | --- | --- |"];
  for (const p of Object.values(policiesByArea).flat()) {
    for (const [k, v] of Object.entries(p.configSchema?.properties ?? {})) {
      const schema = v as { type?: string; default?: unknown; description?: string };
      config.push(
        `| \`${p.name}\` | \`${k}\` | ${schema.type ?? ""} | \`${JSON.stringify(schema.default)}\` | ${cell(schema.description ?? "")} |`,
      );
    }
  }
  const configIntro =
    "Config properties (`--policy-pack-config`: per policy a level, or an object with `enforcementLevel` and these properties; the CLI validates them against each policy's schema):";
  return `${intro}\n\n${rows.join("\n")}\n\n${configIntro}\n\n${config.join("\n")}\n`;
}

/** The block formatted as prettier formats it inside docs/policies.md. */
export async function renderFormatted(): Promise<string> {
  // prettier is the repository's dev dependency, not the pack's: loaded untyped so the pack
  // type-checks and installs on its own.
  const name: string = "prettier";
  const prettier = (await import(name)) as {
    resolveConfig(file: string): Promise<Record<string, unknown> | null>;
    format(source: string, options: Record<string, unknown>): Promise<string>;
  };
  const options = (await prettier.resolveConfig(POLICY_DOC)) ?? {};
  return prettier.format(renderTable(), { ...options, filepath: POLICY_DOC });
}

/** The page's text with the block between the markers replaced (markers created if absent). */
export async function updatedDoc(current: string | undefined): Promise<string> {
  const block = `${START}\n\n${await renderFormatted()}\n${END}`;
  if (current === undefined) return `# Policy pack\n\n## Policies\n\n${block}\n`;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) return `${current.trimEnd()}\n\n## Policies\n\n${block}\n`;
  return current.slice(0, start) + block + current.slice(end + END.length);
}

async function main() {
  const current = fs.existsSync(POLICY_DOC) ? fs.readFileSync(POLICY_DOC, "utf8") : undefined;
  const next = await updatedDoc(current);
  if (next !== current) fs.writeFileSync(POLICY_DOC, next);
  console.log(`${path.relative(process.cwd(), POLICY_DOC)}: policy table ${next === current ? "unchanged" : "updated"}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
