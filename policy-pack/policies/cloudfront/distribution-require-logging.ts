import { stackPolicy } from "../../lib/policy";
import { get, isSet, isUnknown } from "../../lib/props";
import { ofTypes, refersTo } from "../../lib/stack";
import { T } from "../../lib/types";

/**
 * A distribution logs either through standard logging (legacy, `loggingConfig.bucket`: the bucket
 * must accept ACLs) or through standard logging v2: a CloudWatch Logs delivery source of type
 * ACCESS_LOGS for the distribution with a delivery to a destination (CloudFront developer guide,
 * "Configure standard logging (v2)"). Checked on the stack, since v2 is three separate resources.
 */
export const cfLogging = stackPolicy({
  name: "aws-cloudfront-distribution-require-logging",
  description: "CloudFront distributions write access logs.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:CloudFront.5", "PCI-DSS-4.0.1:10.2.1"],
  remediationSteps:
    "Set loggingConfig { bucket: <log archive bucket domain name> } (or configure CloudWatch vended log delivery).",
  validate: (s) => {
    const sources = ofTypes(s.resources, [T.logDeliverySource]).filter(
      (src) => src.props.logType === "ACCESS_LOGS" || isUnknown(src.props.logType),
    );
    const deliveries = ofTypes(s.resources, [T.logDelivery]);
    for (const d of ofTypes(s.resources, [T.cloudfrontDistribution])) {
      if (isSet(get(d.props, "loggingConfig.bucket"))) continue;
      const delivered = sources.some(
        (src) =>
          refersTo(src, "resourceArn", d, ["arn"]) &&
          deliveries.some((del) => refersTo(del, "deliverySourceName", src, ["name"])),
      );
      if (!delivered) {
        s.report(
          `Distribution ${d.name} writes no access logs: no loggingConfig.bucket and no ACCESS_LOGS log delivery. Turn on access logging.`,
          d.urn,
        );
      }
    }
  },
});
