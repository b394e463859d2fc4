import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const route53HealthCheckRequireHttps = resourcePolicy({
  name: "aws-route53-health-check-require-https",
  description: "Route 53 endpoint health checks probe over HTTPS, so they exercise the same TLS path as customers.",
  severity: "low",
  topic: "availability",
  category: "availability",
  controls: { none: "Health checks are an availability design choice; no benchmark control names their protocol." },
  remediationSteps: 'Set type: "HTTPS" (or HTTPS_STR_MATCH) with port 443 and a resourcePath.',
  types: ["aws:route53/healthCheck:HealthCheck"],
  validate: (r) => {
    const type = r.props.type;
    if (isUnknown(type)) return r.undecided("type", type);
    if (type === "HTTP" || type === "HTTP_STR_MATCH")
      r.report(`type is ${String(type)}: the probe skips TLS. Use HTTPS or HTTPS_STR_MATCH.`);
  },
});
