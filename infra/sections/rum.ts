import { int, section, SettingsOf, z } from "../schema";

const CLS_ALLOWED = "a cumulative layout shift score from 0.01 to 1";
const RATE_ALLOWED = "JavaScript errors per 100 page views, from 0.1 to 100";

/**
 * CloudWatch RUM for the storefront (components/rum): session sampling and the p75 web-vital
 * thresholds its alarms fire above. The defaults of the thresholds are the "good" limits of the
 * Core Web Vitals (https://web.dev/articles/vitals: LCP 2.5 s, INP 200 ms, CLS 0.1, at the 75th
 * percentile of page loads); replace them with per-page baselines after the first weeks
 * (docs/capacity.md, "Performance baselines").
 */
export const rum = section({
  key: "rum",
  fields: {
    /** Share of browser sessions the web client records (RUM bills per event). */
    sessionSamplePercent: int(1, 100),
    /** Alarm when the p75 Largest Contentful Paint of page loads exceeds this, in milliseconds. */
    lcpP75Ms: int(500, 20000).default(2500),
    /** Alarm when the p75 Interaction to Next Paint exceeds this, in milliseconds. */
    inpP75Ms: int(50, 5000).default(200),
    /** Alarm when the p75 Cumulative Layout Shift exceeds this score. */
    clsP75: z.number({ error: CLS_ALLOWED }).min(0.01, { error: CLS_ALLOWED }).max(1, { error: CLS_ALLOWED }).default(0.1),
    /** Alarm when JavaScript errors per 100 page views exceed this (over 15 minutes). */
    jsErrorsPer100PageViews: z
      .number({ error: RATE_ALLOWED })
      .min(0.1, { error: RATE_ALLOWED })
      .max(100, { error: RATE_ALLOWED })
      .default(5),
    /** Page views a 5-minute period needs before the error-rate alarm judges it (quiet nights stay quiet). */
    minPageViews: int(1, 100000).default(50),
  },
});

export type RumSettings = SettingsOf<typeof rum>;
