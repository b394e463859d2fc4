import { atLeast, atMost, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const route53HealthCheckRestrictFailureThreshold = resourcePolicy({
  name: "aws-route53-health-check-restrict-failure-threshold",
  description:
    "Route 53 health checks need between 2 and 5 consecutive failures before a failover, so one lost probe does not flip DNS and a real outage is not ignored for minutes.",
  severity: "low",
  topic: "availability",
  category: "availability",
  controls: { none: "Availability tuning; no benchmark control names health check thresholds." },
  remediationSteps: "Set failureThreshold to 2-5 (3 is the default).",
  types: ["aws:route53/healthCheck:HealthCheck"],
  validate: (r) => {
    requireThat(
      r,
      "failureThreshold",
      (v) => v === undefined || (atLeast(2)(v) && atMost(5)(v)),
      (v) => `failureThreshold is ${String(v)}; use 2 to 5.`,
    );
  },
});
