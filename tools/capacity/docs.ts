/**
 * `npm run docs:capacity`: rewrites the generated growth projection of docs/capacity.md (between
 * `<!-- generated:growth-<stack> -->` and `<!-- /generated:growth-<stack> -->`) from the stacks'
 * `capacity` assumptions. test/tools/capacity.test.ts fails while the page is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import { ROOT } from "../root";
import { capacityConfig } from "./index";
import { breakpoints, capacityAt, growthProjection } from "./model";
import { renderBreaksMarkdown, renderGrowthMarkdown } from "./render";

export const CAPACITY_DOC = path.join(ROOT, "docs", "capacity.md");
/** The stacks whose projection the page shows (dev and staging carry no business growth). */
export const PROJECTED_STACKS = ["prod"] as const;

/** The generated blocks: what breaks first per stack, and the growth projection of the projected stacks. */
export function growthBlocks(): Record<string, string> {
  const configs = (["dev", "staging", "prod"] as const).map((s) => capacityConfig(s));
  return {
    breaks: renderBreaksMarkdown(configs.map((c) => ({ config: c, breaks: breakpoints(c), capacityAt }))),
    ...Object.fromEntries(
      PROJECTED_STACKS.map((stack) => {
        const config = configs.find((c) => c.stack === stack)!;
        return [`growth-${stack}`, renderGrowthMarkdown(config, growthProjection(config))];
      }),
    ),
  };
}

/** The page as `npm run format` leaves it (the repository's Prettier settings). */
export async function formatted(text: string): Promise<string> {
  const options = (await prettier.resolveConfig(CAPACITY_DOC)) ?? {};
  return prettier.format(text, { ...options, filepath: CAPACITY_DOC });
}

/** The page with each generated block replaced; throws when a block's markers are missing. */
export function withBlocks(text: string, blocks: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const re = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`docs/capacity.md has no <!-- generated:${name} --> block`);
    out = out.replace(re, (_m, open: string, close: string) => `${open}\n${body}\n${close}`);
  }
  return out;
}

/** The page regenerated and formatted. */
export function currentCapacityDoc(): Promise<string> {
  return formatted(withBlocks(fs.readFileSync(CAPACITY_DOC, "utf8"), growthBlocks()));
}

if (require.main === module) {
  void currentCapacityDoc().then((text) => {
    fs.writeFileSync(CAPACITY_DOC, text);
    console.log(`wrote ${path.relative(ROOT, CAPACITY_DOC)}`);
  });
}
