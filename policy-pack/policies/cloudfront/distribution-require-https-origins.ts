import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const cfHttpsOrigins = resourcePolicy({
  name: "aws-cloudfront-distribution-require-https-origins",
  description: "Custom origins are reached over HTTPS with TLSv1.2 only.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:CloudFront.9", "PCI-DSS-4.0.1:4.2.1"],
  remediationSteps:
    'Set customOriginConfig { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] }. S3 origins use OAC.',
  types: [T.cloudfrontDistribution],
  validate: (r) => {
    const origins = r.props.origins;
    if (isUnknown(origins)) return r.undecided("origins", origins);
    for (const o of (origins ?? []) as Record<string, Record<string, unknown> | undefined>[]) {
      const c = o.customOriginConfig;
      if (!c) continue;
      const id = String(o.originId ?? "");
      if (isUnknown(c.originProtocolPolicy))
        r.undecided(`origins.${id}.customOriginConfig.originProtocolPolicy`, c.originProtocolPolicy);
      else if (c.originProtocolPolicy !== "https-only")
        r.report(`Origin ${id} uses originProtocolPolicy ${String(c.originProtocolPolicy)}; use https-only.`);
      const protocols = c.originSslProtocols;
      if (Array.isArray(protocols) && protocols.some((p) => p !== "TLSv1.2" && p !== "TLSv1.3")) {
        r.report(`Origin ${id} allows ${protocols.join(", ")}; allow TLSv1.2 only.`);
      }
    }
  },
});
