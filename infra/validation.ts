/**
 * Collects every bad config value of a stack so that all are reported together, each naming the
 * stack, the key, the value found and what is allowed.
 */
export class ConfigError extends Error {
  constructor(
    readonly stack: string,
    readonly problems: string[],
  ) {
    super(
      `Invalid configuration for stack "${stack}" (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** The raw config of one stack: full key (`project:key`) to the string the CLI would hand over. */
export type RawConfig = Record<string, string | undefined>;

export class Validator {
  readonly problems: string[] = [];

  constructor(
    readonly stack: string,
    readonly project: string,
    private readonly raw: RawConfig,
  ) {}

  fullKey(key: string): string {
    return key.includes(":") ? key : `${this.project}:${key}`;
  }

  /** Records a problem: `config key "k" is <value>; allowed: <allowed>`. */
  fail(key: string, value: unknown, allowed: string): void {
    const shown = value === undefined ? "not set" : JSON.stringify(value);
    this.problems.push(`config key "${this.fullKey(key)}" is ${shown}; allowed: ${allowed}`);
  }

  /** The raw string of a key, or undefined. */
  get(key: string): string | undefined {
    const v = this.raw[this.fullKey(key)];
    return v === undefined || v === "" ? undefined : v;
  }

  requireString(key: string, pattern: RegExp, allowed: string): string {
    const v = this.get(key);
    if (v === undefined || !pattern.test(v)) {
      this.fail(key, v, allowed);
      return "";
    }
    return v;
  }

  oneOf<T extends string>(key: string, value: unknown, options: readonly T[]): T {
    if (typeof value === "string" && (options as readonly string[]).includes(value)) return value as T;
    this.fail(key, value, `one of ${options.map((o) => `"${o}"`).join(", ")}`);
    return options[0];
  }

  integer(key: string, value: unknown, min: number, max: number): number {
    const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof n === "number" && Number.isInteger(n) && n >= min && n <= max) return n;
    this.fail(key, value, `an integer from ${min} to ${max}`);
    return min;
  }

  memberOf(key: string, value: unknown, options: readonly number[]): number {
    const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n === "number" && options.includes(n)) return n;
    this.fail(key, value, `one of ${options.join(", ")}`);
    return options[0];
  }

  boolean(key: string, value: unknown): boolean {
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    this.fail(key, value, "true or false");
    return false;
  }

  /** A structured (object) key: parsed from JSON, or `{}` when unset. */
  object(key: string): Record<string, unknown> {
    const v = this.get(key);
    if (v === undefined) return {};
    try {
      const parsed: unknown = JSON.parse(v);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // reported below
    }
    this.fail(key, v, "an object (structured config)");
    return {};
  }

  /** Rejects fields of a structured key that the program does not know (typos would be ignored). */
  knownFields(key: string, value: Record<string, unknown>, fields: readonly string[]): void {
    for (const f of Object.keys(value)) {
      if (!fields.includes(f)) this.fail(`${key}.${f}`, value[f], `no such field; known fields: ${fields.join(", ")}`);
    }
  }
}
