import { int, matching, oneOf, REGION, section, SettingsOf, z } from "../schema";

const AMOUNT = "a number of 0 or more";
const amount = () => z.number({ error: AMOUNT }).min(0, { error: AMOUNT }).max(1e9, { error: AMOUNT });
const PERCENTS = "a list of 1 to 5 distinct percentages from 1 to 1000, e.g. [80, 100]";
const percents = () =>
  z
    .array(z.number().int().min(1).max(1000), { error: PERCENTS })
    .min(1, { error: PERCENTS })
    .max(5, { error: PERCENTS })
    // AWS Budgets rejects two notifications of the same type and threshold.
    .refine((xs) => new Set(xs).size === xs.length, { error: PERCENTS });
/** IANA zone names (Area/Location) or UTC: what EventBridge Scheduler's `scheduleExpressionTimezone` takes. */
const TIMEZONE = /^(UTC|[A-Z][A-Za-z_]+(\/[A-Za-z0-9_+-]+){1,2})$/;

/**
 * Usage the offline estimate cannot read from the program: traffic and log volumes per month.
 * Assumptions, printed beside every figure they drive; replace them with Cost Explorer's numbers
 * once the stack has run for a month.
 */
const USAGE = z.strictObject({
  /** GB per month processed by the NAT gateways (image pulls, third-party APIs). */
  natGbPerMonth: amount(),
  /** GB per month CloudFront serves to viewers. */
  cloudfrontGbPerMonth: amount(),
  /** Millions of HTTPS requests per month at CloudFront. */
  cloudfrontRequestsMillions: amount(),
  /** Millions of requests per month each web ACL inspects. */
  wafRequestsMillions: amount(),
  /** Average load balancer capacity units of the ALB over the month. */
  albAverageLcu: amount(),
  /** GB per month ingested into CloudWatch Logs (all log groups). */
  logIngestGbPerMonth: amount(),
  /** GB held in CloudWatch Logs on average (ingest times retention). */
  logStoredGb: amount(),
});

/** Out-of-hours scale-down: node groups to zero and the database stopped outside working hours. */
const OFF_HOURS = z.strictObject({
  /** IANA time zone of the working hours, e.g. Europe/Berlin (Scheduler follows its DST). */
  timezone: matching(TIMEZONE, "an IANA time zone such as Europe/Berlin, or UTC"),
  /** Working days, as an EventBridge Scheduler cron day-of-week range. */
  workingDays: oneOf(["MON-FRI", "MON-SAT"]),
  /** Hour (0-22, local) the stack is started. */
  startHour: int(0, 22),
  /** Hour (1-23, local, after `startHour`) the stack is scaled down. */
  stopHour: int(1, 23),
});

export type UsageAssumptions = z.output<typeof USAGE>;
export type OffHoursSchedule = z.output<typeof OFF_HOURS>;

/**
 * Cost: the offline estimate's price region and usage assumptions (docs/cost.md), the stack's AWS
 * Budgets and Cost Anomaly Detection thresholds, and the out-of-hours schedule (dev).
 */
export const cost = section({
  key: "cost",
  fields: {
    /**
     * Region whose list prices the estimate uses for the stack's region; unset: the stack's own.
     * Set it only when the price table has no rows for the stack's region: the estimate says so.
     */
    priceRegion: matching(REGION, "an AWS region name such as us-east-1 (one the price table has rows for), or null")
      .nullable()
      .optional(),
    usage: USAGE,
    /** AWS Budgets: monthly cost budget of the stack (costs tagged with its Environment and Project), USD. */
    monthlyBudgetUsd: int(1, 10_000_000),
    /** Percentages of the budget at which actual spend notifies. */
    actualThresholdsPercent: percents(),
    /** Percentages of the budget at which forecasted spend notifies. */
    forecastedThresholdsPercent: percents(),
    /** Cost Anomaly Detection: notify when an anomaly's total impact reaches this many USD. */
    anomalyThresholdUsd: int(1, 1_000_000),
    /** Out-of-hours scale-down; null or unset: always on (required where `highAvailability`). */
    offHours: OFF_HOURS.nullable().optional(),
  },
  finish: ({ priceRegion, offHours, ...v }, ctx, fail) => {
    if (offHours && ctx.highAvailability) {
      fail(
        "cost.offHours",
        offHours,
        "null in a high-availability environment (scaling down out of hours is for dev, not for uptime)",
      );
    }
    if (offHours && offHours.stopHour <= offHours.startHour) {
      fail("cost.offHours.stopHour", offHours.stopHour, `an hour after startHour (${offHours.startHour})`);
    }
    return { ...v, priceRegion: priceRegion ?? undefined, offHours: offHours ?? undefined };
  },
});

export type CostSettings = SettingsOf<typeof cost>;

/** Hours per month the scaled-down resources run: working days x working hours, over 730 h. */
export function runningHoursPerMonth(offHours: OffHoursSchedule | undefined, hoursPerMonth = 730): number {
  if (!offHours) return hoursPerMonth;
  const days = offHours.workingDays === "MON-FRI" ? 5 : 6;
  return (days * (offHours.stopHour - offHours.startHour) * hoursPerMonth) / (7 * 24);
}
