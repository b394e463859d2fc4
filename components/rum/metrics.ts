/**
 * The CloudWatch RUM metrics the alarms and the dashboard use: namespace `AWS/RUM`, dimension
 * `application_name` (the app monitor's name), from the CloudWatch user guide, "CloudWatch metrics
 * that you can collect with CloudWatch RUM". The web vitals are distributions: p75 is the
 * `extendedStatistic` "p75" (the percentile the Core Web Vitals are judged at, web.dev/articles/vitals).
 */
export const WEB_VITALS = [
  { key: "lcp", label: "Largest Contentful Paint", metric: "WebVitalsLargestContentfulPaint", unit: " ms" },
  { key: "inp", label: "Interaction to Next Paint", metric: "WebVitalsInteractionToNextPaint", unit: " ms" },
  { key: "cls", label: "Cumulative Layout Shift", metric: "WebVitalsCumulativeLayoutShift", unit: "" },
] as const;

export type WebVitalKey = (typeof WEB_VITALS)[number]["key"];

/** The dashboard: p75 web vitals against their thresholds, page views and sessions, JS errors. */
export function rumDashboardBody(app: string, region: string, thresholds: Record<WebVitalKey, number>) {
  const dims = ["application_name", app];
  const vital = (v: (typeof WEB_VITALS)[number], x: number) => ({
    type: "metric",
    x,
    y: 0,
    width: 8,
    height: 6,
    properties: {
      title: `p75 ${v.label}`,
      region,
      view: "timeSeries",
      period: 300,
      stat: "p75",
      metrics: [["AWS/RUM", v.metric, ...dims]],
      annotations: { horizontal: [{ label: "alarm threshold", value: thresholds[v.key] }] },
    },
  });
  return {
    widgets: [
      ...WEB_VITALS.map((v, i) => vital(v, i * 8)),
      {
        type: "metric",
        x: 0,
        y: 6,
        width: 12,
        height: 6,
        properties: {
          title: "Page views and sessions",
          region,
          view: "timeSeries",
          period: 300,
          stat: "Sum",
          metrics: [
            ["AWS/RUM", "PageViewCount", ...dims],
            ["AWS/RUM", "SessionCount", ...dims],
          ],
        },
      },
      {
        type: "metric",
        x: 12,
        y: 6,
        width: 12,
        height: 6,
        properties: {
          title: "JavaScript errors per 100 page views",
          region,
          view: "timeSeries",
          period: 300,
          metrics: [
            [{ expression: "100 * FILL(errors, 0) / views", label: "errors per 100 page views", id: "rate" }],
            ["AWS/RUM", "JsErrorCount", ...dims, { id: "errors", stat: "Sum", visible: false }],
            ["AWS/RUM", "PageViewCount", ...dims, { id: "views", stat: "Sum", visible: false }],
          ],
        },
      },
    ],
  };
}
