import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { LISTENERS } from "../../lib/types";

interface Config {
  allowedPolicies: string[];
}

export const listenerTls13 = resourcePolicy<Config>({
  name: "aws-lb-listener-require-tls13-policy",
  description: "HTTPS/TLS listeners use a TLS 1.3 security policy that also refuses TLS 1.0/1.1.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:4.2.1"],
  remediationSteps: 'Set sslPolicy "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another policy in the allow-list).',
  config: {
    allowedPolicies: {
      type: "array",
      items: { type: "string" },
      // docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html (TLS13 and
      // the 2025-09 hybrid post-quantum family; AWS recommends ...-Res-PQ-2025-09), found with the search tool 2026-11.
      default: [
        "ELBSecurityPolicy-TLS13-1-2-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
        "ELBSecurityPolicy-TLS13-1-3-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
      ],
      description: "Allowed sslPolicy names.",
    },
  },
  types: LISTENERS,
  validate: (r) => {
    const protocol = r.props.protocol;
    if (isUnknown(protocol)) return r.undecided("protocol", protocol);
    if (protocol !== "HTTPS" && protocol !== "TLS") return;
    const policy = r.props.sslPolicy;
    if (isUnknown(policy)) return r.undecided("sslPolicy", policy);
    if (!r.config.allowedPolicies.includes(String(policy))) {
      r.report(
        `sslPolicy is ${String(policy ?? "unset (ELBSecurityPolicy-2016-08, allows TLS 1.0)")}; use ELBSecurityPolicy-TLS13-1-2-2021-06.`,
      );
    }
  },
});
