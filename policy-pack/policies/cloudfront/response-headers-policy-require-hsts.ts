import { atLeast, on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  minimumMaxAgeSeconds: number;
}

export const cloudfrontResponseHeadersPolicyRequireHsts = resourcePolicy<Config>({
  name: "aws-cloudfront-response-headers-policy-require-hsts",
  description:
    "CloudFront response headers policies send Strict-Transport-Security for at least a year (default 31536000 s), with override, so browsers never fall back to HTTP.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: { none: "No Security Hub control; the rule follows checkov CKV_AWS_259." },
  remediationSteps:
    "Set securityHeadersConfig.strictTransportSecurity { accessControlMaxAgeSec: 31536000 or more, includeSubdomains: true, override: true }.",
  config: {
    minimumMaxAgeSeconds: { type: "integer", minimum: 0, default: 31536000, description: "Shortest HSTS max-age in seconds." },
  },
  types: ["aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy"],
  validate: (r) => {
    const p = "securityHeadersConfig.strictTransportSecurity";
    if (
      requireThat(r, `${p}.accessControlMaxAgeSec`, atLeast(r.config.minimumMaxAgeSeconds), (v) =>
        v === undefined
          ? "No Strict-Transport-Security header. Add it."
          : `HSTS max-age ${String(v)} s is below ${r.config.minimumMaxAgeSeconds}.`,
      )
    )
      requireThat(r, `${p}.override`, on, "HSTS override is off: an origin header can weaken it. Turn override on.");
  },
});
