/**
 * The alert topic's routes to people: one source for the subscription filter policies, so the
 * topic routes by severity the way Alertmanager does (components/observability/alertmanager.ts):
 * `critical` pages through PagerDuty, `warning` goes to Slack, and every message is e-mailed (the
 * e-mail subscription has no filter). `info` is therefore e-mail only.
 *
 * Two kinds of message reach the topic with a severity:
 * - JSON messages with a top-level `severity` (security findings through their EventBridge input
 *   transformers, components/security/findings.ts; the automated responses' reports);
 * - CloudWatch alarm notifications, whose JSON body carries `AlarmName`; the platform's alarms
 *   are named `<prefix>-<severity>-<name>` (components/observability/alarms.ts).
 * Budgets and cost-anomaly notifications carry neither and are e-mailed only.
 */

/** A receiver beyond e-mail; each is one subscription with one filter policy. */
export type Receiver = "pagerduty" | "slack";

/** The severity each receiver takes (Alertmanager: critical to PagerDuty, warning to Slack). */
export const RECEIVER_SEVERITY: Record<Receiver, "critical" | "warning"> = { pagerduty: "critical", slack: "warning" };

/**
 * The subscription filter policy of a receiver (scope `MessageBody`: SNS developer guide, "Amazon
 * SNS subscription filter policy scope"; `$or`: "OR logic"; `prefix`: "String value matching").
 * @param alarmPrefix the stack's physical-name prefix (`<project>-<stack>`).
 */
export function filterPolicy(receiver: Receiver, alarmPrefix: string): Record<string, unknown> {
  const severity = RECEIVER_SEVERITY[receiver];
  return {
    $or: [{ severity: [severity] }, { AlarmName: [{ prefix: `${alarmPrefix}-${severity}-` }] }],
  };
}

/**
 * The message contract of the topic's JSON alerts (what the input transformers and the responses
 * publish). `severity` routes; the rest is shown to people.
 */
export interface AlertMessage {
  severity: "critical" | "warning" | "info";
  /** The alert's name (the finding route or response). */
  alert: string;
  summary: string;
  /** One line from the event (a finding title, a principal ARN). */
  title?: unknown;
  account?: string;
  region?: string;
  time?: string;
  /** The EventBridge event id: PagerDuty's dedup key, so a repeated delivery opens one incident. */
  eventId?: string;
  detailType?: string;
  runbook?: string;
}
