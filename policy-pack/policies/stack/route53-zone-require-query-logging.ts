import { stackPolicy } from "../../lib/policy";
import { isUnknown, list } from "../../lib/props";
import { ofTypes, refersTo } from "../../lib/stack";
import { T } from "../../lib/types";

/** A zone with VPC associations is private; one without is public (AWS Route 53 developer guide). */
export function publicZones(resources: Parameters<typeof ofTypes>[0], undecided: (path: string, value: unknown) => void) {
  return ofTypes(resources, [T.route53Zone]).filter((z) => {
    if (isUnknown(z.props.vpcs)) {
      undecided("vpcs", z.props.vpcs);
      return false;
    }
    return (list(z.props.vpcs) ?? []).length === 0;
  });
}

export const route53ZoneQueryLogging = stackPolicy({
  name: "aws-route53-zone-require-query-logging",
  description: "Every public Route 53 hosted zone logs its DNS queries to CloudWatch Logs.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:Route53.2"],
  remediationSteps:
    "Create an aws.route53.QueryLog with zoneId = the zone's zoneId and a CloudWatch log group in us-east-1 (with a resource policy letting route53.amazonaws.com write to it).",
  validate: (s) => {
    const logs = ofTypes(s.resources, [T.route53QueryLog]);
    for (const zone of publicZones(s.resources, s.undecided)) {
      if (!logs.some((l) => refersTo(l, "zoneId", zone, ["zoneId", "id"])))
        s.report(`Public hosted zone ${zone.name} has no query logging. Add an aws.route53.QueryLog for it.`, zone.urn);
    }
  },
});
