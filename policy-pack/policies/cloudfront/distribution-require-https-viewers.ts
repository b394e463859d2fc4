import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const cfHttpsViewers = resourcePolicy({
  name: "aws-cloudfront-distribution-require-https-viewers",
  description: "Every cache behaviour redirects HTTP viewers to HTTPS or accepts HTTPS only.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:CloudFront.3", "PCI-DSS-4.0.1:4.2.1"],
  remediationSteps:
    'Set viewerProtocolPolicy "redirect-to-https" (or "https-only") on the default and every ordered cache behaviour.',
  types: [T.cloudfrontDistribution],
  validate: (r) => {
    const behaviours: [string, Record<string, unknown>][] = [
      ["defaultCacheBehavior", (r.props.defaultCacheBehavior ?? {}) as Record<string, unknown>],
    ];
    const ordered = r.props.orderedCacheBehaviors;
    if (isUnknown(ordered)) r.undecided("orderedCacheBehaviors", ordered);
    else ((ordered ?? []) as Record<string, unknown>[]).forEach((b, i) => behaviours.push([`orderedCacheBehaviors[${i}]`, b]));
    for (const [where, b] of behaviours) {
      const p = b.viewerProtocolPolicy;
      if (isUnknown(p)) r.undecided(`${where}.viewerProtocolPolicy`, p);
      else if (p !== "redirect-to-https" && p !== "https-only")
        r.report(`${where}.viewerProtocolPolicy is ${String(p)}; use redirect-to-https.`);
    }
  },
});
