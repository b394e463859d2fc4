import { CostProfile, OffHoursProfile, UsageAssumptions } from "../../stacks";
import { Validator } from "../validation";

export type CostConfig = CostProfile;

const FIELDS = [
  "priceRegion",
  "usage",
  "monthlyBudgetUsd",
  "actualThresholdsPercent",
  "forecastedThresholdsPercent",
  "anomalyThresholdUsd",
  "offHours",
] as const;
const USAGE_FIELDS = [
  "natGbPerMonth",
  "cloudfrontGbPerMonth",
  "cloudfrontRequestsMillions",
  "wafRequestsMillions",
  "albAverageLcu",
  "logIngestGbPerMonth",
  "logStoredGb",
] as const satisfies readonly (keyof UsageAssumptions)[];
const OFF_HOURS_FIELDS = ["timezone", "workingDays", "startHour", "stopHour"] as const;
const WORKING_DAYS: readonly OffHoursProfile["workingDays"][] = ["MON-FRI", "MON-SAT"];
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
/** IANA zone names (Area/Location) or UTC: what EventBridge Scheduler's `scheduleExpressionTimezone` takes. */
const TIMEZONE = /^(UTC|[A-Z][A-Za-z_]+(\/[A-Za-z0-9_+-]+){1,2})$/;

/**
 * Reads the optional `cost` object over the profile's defaults: the estimate's price region and
 * usage assumptions, the budget and anomaly thresholds, and the out-of-hours schedule.
 */
export function readCost(v: Validator, profile: CostProfile, context: { highAvailability: boolean }): CostConfig {
  const o = v.object("cost");
  v.knownFields("cost", o, FIELDS);

  const priceRegionRaw = o.priceRegion ?? profile.priceRegion;
  let priceRegion: string | undefined;
  if (priceRegionRaw !== undefined && priceRegionRaw !== null) {
    if (typeof priceRegionRaw === "string" && REGION.test(priceRegionRaw)) priceRegion = priceRegionRaw;
    else
      v.fail(
        "cost.priceRegion",
        priceRegionRaw,
        "an AWS region name such as us-east-1 (one the price table has rows for), or null",
      );
  }

  const usageRaw = (o.usage ?? {}) as Record<string, unknown>;
  v.knownFields("cost.usage", usageRaw, USAGE_FIELDS);
  const usage = {} as UsageAssumptions;
  for (const f of USAGE_FIELDS) usage[f] = nonNegative(v, `cost.usage.${f}`, usageRaw[f] ?? profile.usage[f]);

  const monthlyBudgetUsd = v.integer("cost.monthlyBudgetUsd", o.monthlyBudgetUsd ?? profile.monthlyBudgetUsd, 1, 10_000_000);
  const actualThresholdsPercent = percents(
    v,
    "cost.actualThresholdsPercent",
    o.actualThresholdsPercent ?? profile.actualThresholdsPercent,
  );
  const forecastedThresholdsPercent = percents(
    v,
    "cost.forecastedThresholdsPercent",
    o.forecastedThresholdsPercent ?? profile.forecastedThresholdsPercent,
  );
  const anomalyThresholdUsd = v.integer(
    "cost.anomalyThresholdUsd",
    o.anomalyThresholdUsd ?? profile.anomalyThresholdUsd,
    1,
    1_000_000,
  );

  const offHoursRaw = o.offHours === undefined ? profile.offHours : o.offHours;
  let offHours: OffHoursProfile | undefined;
  if (offHoursRaw !== undefined && offHoursRaw !== null) {
    offHours = readOffHours(v, offHoursRaw, context);
  }
  return {
    priceRegion,
    usage,
    monthlyBudgetUsd,
    actualThresholdsPercent,
    forecastedThresholdsPercent,
    anomalyThresholdUsd,
    offHours,
  };
}

function nonNegative(v: Validator, key: string, value: unknown): number {
  const n = typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 1e9) return n;
  v.fail(key, value, "a number of 0 or more");
  return 0;
}

function percents(v: Validator, key: string, value: unknown): number[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 5) {
    v.fail(key, value, "a list of 1 to 5 percentages, e.g. [80, 100]");
    return [];
  }
  const out = value.map((p: unknown, i) => v.integer(`${key}[${i}]`, p, 1, 1000));
  if (new Set(out).size !== out.length) v.fail(key, value, "distinct percentages (AWS Budgets rejects duplicate notifications)");
  return out;
}

function readOffHours(v: Validator, value: unknown, context: { highAvailability: boolean }): OffHoursProfile | undefined {
  const key = "cost.offHours";
  if (typeof value !== "object" || Array.isArray(value)) {
    v.fail(key, value, `an object {timezone, workingDays, startHour, stopHour} or null`);
    return undefined;
  }
  if (context.highAvailability) {
    v.fail(key, value, "null in a high-availability environment (scaling down out of hours is for dev, not for uptime)");
  }
  const o = value as Record<string, unknown>;
  v.knownFields(key, o, OFF_HOURS_FIELDS);
  const timezone = typeof o.timezone === "string" && TIMEZONE.test(o.timezone) ? o.timezone : undefined;
  if (!timezone) v.fail(`${key}.timezone`, o.timezone, "an IANA time zone such as Europe/Berlin, or UTC");
  const workingDays = v.oneOf(`${key}.workingDays`, o.workingDays, WORKING_DAYS);
  const startHour = v.integer(`${key}.startHour`, o.startHour, 0, 22);
  const stopHour = v.integer(`${key}.stopHour`, o.stopHour, 1, 23);
  if (stopHour <= startHour) v.fail(`${key}.stopHour`, o.stopHour, `an hour after startHour (${startHour})`);
  return { timezone: timezone ?? "UTC", workingDays, startHour, stopHour };
}

/** Hours per month the scaled-down resources run: working days x working hours, over 730 h. */
export function runningHoursPerMonth(offHours: OffHoursProfile | undefined, hoursPerMonth = 730): number {
  if (!offHours) return hoursPerMonth;
  const days = offHours.workingDays === "MON-FRI" ? 5 : 6;
  return (days * (offHours.stopHour - offHours.startHour) * hoursPerMonth) / (7 * 24);
}
