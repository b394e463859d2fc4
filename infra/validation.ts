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
