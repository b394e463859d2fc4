/**
 * Where an alert's runbook lives. Every alert the platform defines links to one page
 * `docs/runbooks/<page>.md`: Prometheus rules through the `runbook_url` annotation, CloudWatch
 * alarms and EventBridge alert rules through a `Runbook: <url>` suffix of their description (the
 * alarm e-mail and the console show the description). test/docs/runbooks.test.ts enumerates the
 * alerts of the program's run and fails when one has no page, or a page is linked by no alert.
 */

/** The runbook folder, relative to the repository root. */
export const RUNBOOK_DIR = "docs/runbooks";

/** Matches a runbook link and captures the page name. */
export const RUNBOOK_LINK = /\/docs\/runbooks\/([A-Za-z0-9_-]+)\.md\b/;

export class Runbooks {
  /**
   * @param baseUrl Where `docs/runbooks` of this repository is browsable, without a trailing slash,
   *   e.g. `https://github.com/acme/b2b-commerce/blob/main/docs/runbooks` (config `runbookBaseUrl`).
   */
  constructor(readonly baseUrl: string) {
    if (!/^https:\/\/\S+\/docs\/runbooks$/.test(baseUrl)) {
      throw new Error(`runbook base URL ${JSON.stringify(baseUrl)} must be an https URL ending in /docs/runbooks`);
    }
  }

  /** The URL of page `page` (`docs/runbooks/<page>.md`). */
  url(page: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(page))
      throw new Error(`runbook page name ${JSON.stringify(page)}: letters, digits, - and _ only`);
    return `${this.baseUrl}/${page}.md`;
  }

  /** An alarm or rule description with its runbook link appended. */
  describe(description: string, page: string): string {
    return `${description} Runbook: ${this.url(page)}`;
  }
}

/** The runbook page a description or annotation links to, if any. */
export function runbookPageOf(text: unknown): string | undefined {
  return typeof text === "string" ? RUNBOOK_LINK.exec(text)?.[1] : undefined;
}
