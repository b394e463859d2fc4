import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

/**
 * Values the stack files ship as examples: reserved for documentation, so they can never be right
 * in a real deployment. The offline plan (mock runtime) runs with them and lists them as warnings;
 * a real `pulumi preview`/`up` refuses them before any resource is registered.
 */
export const PLACEHOLDERS: readonly { pattern: RegExp; what: string; put: string }[] = [
  {
    // AWS's documentation account ID (AWS General Reference, "AWS account identifiers").
    pattern: /(^|[^0-9])111122223333([^0-9]|$)/,
    what: "the documentation account ID 111122223333",
    put: "your AWS account ID (12 digits)",
  },
  {
    // TEST-NET-3, reserved for documentation (RFC 5737).
    pattern: /(^|[^0-9.])203\.0\.113\.\d{1,3}/,
    what: "the documentation range 203.0.113.0/24 (RFC 5737)",
    put: "your own public CIDRs (office or VPN egress)",
  },
  {
    // Domains reserved for documentation (RFC 2606).
    pattern: /(^|[.@/])example\.(com|net|org)(\b|$)/,
    what: "a domain reserved for documentation (RFC 2606: example.com, example.net, example.org)",
    put: "a domain your organisation owns (its Route 53 zone, mailbox or repository host)",
  },
];

export interface Placeholder {
  key: string;
  value: string;
  what: string;
  put: string;
}

/**
 * Every config value (full key -> the value as the CLI hands it; objects arrive as JSON) that
 * holds a placeholder, named by its path (`b2b-commerce:cluster.publicAccessCidrs[0]`).
 */
export function findPlaceholders(config: Record<string, string>): Placeholder[] {
  const found: Placeholder[] = [];
  const visit = (key: string, value: unknown) => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(`${key}[${i}]`, v));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(`${key}.${k}`, v);
    else if (typeof value === "string") {
      for (const p of PLACEHOLDERS) if (p.pattern.test(value)) found.push({ key, value, what: p.what, put: p.put });
    }
  };
  for (const [key, text] of Object.entries(config)) visit(key, parse(text));
  return found;
}

function parse(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function describePlaceholder(p: Placeholder): string {
  return `config key "${p.key}" is ${JSON.stringify(p.value)}: ${p.what}; put ${p.put} there`;
}

/** True under Pulumi's mock runtime (unit tests, the offline plan). */
export function underMocks(): boolean {
  return pulumi.runtime.getMonitor() instanceof MockMonitor;
}

/**
 * Under mocks: one warning per placeholder. In a real preview or up: an error listing them all,
 * before any resource is registered.
 */
export function checkPlaceholders(
  stack: string,
  config: Record<string, string> = pulumi.runtime.allConfig(),
  offline: boolean = underMocks(),
): void {
  const found = findPlaceholders(config);
  if (found.length === 0) return;
  if (offline) {
    for (const p of found) pulumi.log.warn(`placeholder: ${describePlaceholder(p)} (allowed offline only)`);
    return;
  }
  throw new PlaceholderError(
    `stack "${stack}" still has ${found.length} example value${found.length === 1 ? "" : "s"} from the stack file; ` +
      `replace each before a real preview or up:\n${found.map((p) => `  - ${describePlaceholder(p)}`).join("\n")}`,
  );
}

export class PlaceholderError extends Error {
  name = "PlaceholderError";
}
