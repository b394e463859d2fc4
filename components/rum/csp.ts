/**
 * What the storefront's Content-Security-Policy must allow for the RUM web client: it sends events
 * to the RUM data plane and gets guest credentials from Cognito's identity service (enhanced flow:
 * GetId and GetCredentialsForIdentity, no STS call), both in the monitor's region. Endpoints from the
 * AWS General Reference (CloudWatch RUM and Amazon Cognito endpoints) and aws-rum-web's
 * documentation (https://github.com/aws-observability/aws-rum-web, docs/cdn_installation.md, CSP).
 */
export function rumConnectSources(region: string): string[] {
  return [`https://dataplane.rum.${region}.amazonaws.com`, `https://cognito-identity.${region}.amazonaws.com`];
}

/**
 * The policy with `sources` added to its `connect-src`. Without a `connect-src`, fetches fall back to
 * `default-src`: the new directive starts from that list (or `'self'`), so nothing allowed before is lost.
 */
export function withConnectSources(csp: string, sources: string[]): string {
  const directives = csp
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d !== "");
  const find = (name: string) => directives.findIndex((d) => d.split(/\s+/)[0].toLowerCase() === name);
  const at = find("connect-src");
  if (at >= 0) {
    const have = directives[at].split(/\s+/);
    directives[at] = [...have, ...sources.filter((s) => !have.includes(s))].join(" ");
  } else {
    const fallback = find("default-src");
    const base = fallback >= 0 ? directives[fallback].split(/\s+/).slice(1) : ["'self'"];
    directives.push(["connect-src", ...base, ...sources].join(" "));
  }
  return directives.join("; ");
}
