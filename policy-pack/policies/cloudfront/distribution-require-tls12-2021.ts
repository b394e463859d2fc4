import { resourcePolicy } from "../../lib/policy";
import { get, isTrue, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

interface Config {
  allowedProtocolVersions: string[];
}

export const cfTls = resourcePolicy<Config>({
  name: "aws-cloudfront-distribution-require-tls12-2021",
  description: "CloudFront distributions serve viewers with at least the TLSv1.2_2021 security policy on a custom certificate.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:4.2.1"],
  remediationSteps:
    'Set viewerCertificate { acmCertificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }.',
  config: {
    allowedProtocolVersions: {
      type: "array",
      items: { type: "string" },
      // CloudFront developer guide, secure-connections-supported-viewer-protocols-ciphers.html, and the CDK
      // SecurityPolicyProtocol enum (TLS_V1_2_2021, TLS_V1_2_2025, TLS_V1_3_2025), found with the search tool 2026-11.
      default: ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"],
      description: "Allowed viewerCertificate.minimumProtocolVersion values.",
    },
  },
  types: [T.cloudfrontDistribution],
  validate: (r) => {
    if (isTrue(get(r.props, "viewerCertificate.cloudfrontDefaultCertificate"))) {
      return r.report(
        "The distribution uses the default *.cloudfront.net certificate, which allows TLSv1. Use an ACM certificate.",
      );
    }
    const v = get(r.props, "viewerCertificate.minimumProtocolVersion");
    if (isUnknown(v)) return r.undecided("viewerCertificate.minimumProtocolVersion", v);
    if (!r.config.allowedProtocolVersions.includes(String(v)))
      r.report(`minimumProtocolVersion is ${String(v)}; use TLSv1.2_2021 or newer.`);
  },
});
