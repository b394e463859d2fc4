/**
 * What Renovate's regex custom managers extract from this repository, computed the way Renovate
 * does (docs.renovatebot.com/modules/manager/regex): files selected by `managerFilePatterns`
 * (globs, or /regex/), every `matchStrings` regex applied globally, strategy `any` (each regex on
 * its own) or `recursive` (each match fed to the next regex), and `*Template` fields rendered with
 * the captured groups.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface CustomManager {
  customType: "regex";
  managerFilePatterns: string[];
  matchStrings: string[];
  matchStringsStrategy?: "any" | "recursive" | "combination";
  depNameTemplate?: string;
  packageNameTemplate?: string;
  datasourceTemplate?: string;
  registryUrlTemplate?: string;
}

export interface ExtractedDep {
  file: string;
  manager: number;
  depName?: string;
  packageName?: string;
  currentValue?: string;
  datasource?: string;
  registryUrl?: string;
}

const SKIP = new Set(["node_modules", ".git", "bin", "plan", "coverage"]);

export function repositoryFiles(root: string, dir = ""): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...repositoryFiles(root, rel));
    else out.push(rel);
  }
  return out;
}

function selects(pattern: string, file: string): boolean {
  const re = /^\/(.*)\/$/.exec(pattern);
  return re ? new RegExp(re[1]).test(file) : path.matchesGlob(file, pattern);
}

function render(template: string | undefined, groups: Record<string, string | undefined>): string | undefined {
  return template?.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => groups[k] ?? "");
}

function dep(file: string, manager: number, m: CustomManager, groups: Record<string, string | undefined>): ExtractedDep {
  const depName = groups.depName ?? render(m.depNameTemplate, groups);
  const g = { ...groups, depName };
  return {
    file,
    manager,
    depName,
    packageName: groups.packageName ?? render(m.packageNameTemplate, g) ?? depName,
    currentValue: groups.currentValue,
    datasource: groups.datasource ?? render(m.datasourceTemplate, g),
    registryUrl: groups.registryUrl ?? render(m.registryUrlTemplate, g),
  };
}

export function extract(root: string, managers: CustomManager[], files = repositoryFiles(root)): ExtractedDep[] {
  const out: ExtractedDep[] = [];
  managers.forEach((m, index) => {
    if (m.matchStringsStrategy === "combination") throw new Error("combination strategy is not modelled here");
    for (const file of files.filter((f) => m.managerFilePatterns.some((p) => selects(p, f)))) {
      const text = fs.readFileSync(path.join(root, file), "utf8");
      const regexes = m.matchStrings.map((s) => new RegExp(s, "g"));
      if (m.matchStringsStrategy === "recursive") {
        const walk = (input: string, level: number, groups: Record<string, string | undefined>): void => {
          for (const match of input.matchAll(regexes[level])) {
            const g = { ...groups, ...match.groups };
            if (level === regexes.length - 1) out.push(dep(file, index, m, g));
            else walk(match[0], level + 1, g);
          }
        };
        walk(text, 0, {});
      } else {
        for (const re of regexes) for (const match of text.matchAll(re)) out.push(dep(file, index, m, { ...match.groups }));
      }
    }
  });
  return out;
}
