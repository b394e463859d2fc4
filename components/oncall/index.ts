import * as pagerduty from "@pulumi/pagerduty";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";

export interface OnCallArgs {
  naming: Naming;
  /** PagerDuty user ids of the rotation, in rotation order (at least two). */
  users: string[];
  /** IANA time zone of the handover. */
  timeZone: string;
  /** The handover: when the first turn started (ISO 8601 with offset); fixed, so plans are stable. */
  rotationStart: string;
}

/**
 * The first handover: Monday 5 January 2026, 09:00 in the rotation's time zone (its UTC offset on
 * that day, e.g. `+01:00` for Europe/Berlin), as PagerDuty's layer `start` wants it (ISO 8601 with
 * offset). A fixed date keeps every plan identical; the turns repeat weekly from it.
 */
export function handoverStart(timeZone: string): string {
  const day = new Date("2026-01-05T12:00:00Z");
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(day)
    .find((p) => p.type === "timeZoneName")!.value; // "GMT+01:00", or "GMT" for UTC
  const offset = name === "GMT" ? "+00:00" : name.slice(3);
  return `2026-01-05T09:00:00${offset}`;
}

/** One week per turn (PagerDuty's `rotation_turn_length_seconds`). */
export const ROTATION_SECONDS = 7 * 24 * 3600;
/** Minutes an unacknowledged incident waits before the next level is notified. */
export const ESCALATION_DELAY_MINUTES = 15;
/** PagerDuty's Events API v2 integration type: the key is the Events API `routing_key`. */
export const EVENTS_API_V2 = "events_api_v2_inbound_integration";

/** The integrations whose routing keys the platform uses: Alertmanager, and the alert topic's receiver. */
export const INTEGRATIONS = {
  alertmanager: "Alertmanager (Kubernetes and Prometheus alerts)",
  "alert-topic": "Alert topic (CloudWatch alarms, security findings, automated responses)",
} as const;
export type IntegrationName = keyof typeof INTEGRATIONS;

/**
 * On-call as code in PagerDuty: a weekly primary rotation, a secondary rotation one person later
 * (so the secondary is next week's primary), an escalation policy primary -> secondary -> primary
 * again (two loops), and the stack's service with one Events API v2 integration per sender.
 * The routing keys are PagerDuty-generated and leave this component only as secrets: the
 * integrations declare `integrationKey` an additional secret output (the provider does not mark
 * it), and the values handed on are wrapped in `pulumi.secret`.
 */
export class OnCall extends pulumi.ComponentResource {
  /** The Events API v2 routing key of each integration (secret). */
  readonly routingKeys: Record<IntegrationName, pulumi.Output<string>>;
  readonly serviceId: pulumi.Output<string>;
  readonly escalationPolicyId: pulumi.Output<string>;

  constructor(name: string, args: OnCallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:oncall:OnCall", name, {}, opts);
    if (args.users.length < 2) throw new Error(`OnCall ${name}: a rotation needs at least two users`);
    const parent = { parent: this };
    const { naming } = args;
    const layer = (users: string[]) => ({
      name: "Weekly",
      start: args.rotationStart,
      rotationVirtualStart: args.rotationStart,
      rotationTurnLengthSeconds: ROTATION_SECONDS,
      users,
    });
    const primary = new pagerduty.Schedule(
      "primary",
      { name: naming.physical("primary"), timeZone: args.timeZone, layers: [layer(args.users)] },
      parent,
    );
    // The same people one turn later: whoever is primary next week backs up this week.
    const next = [...args.users.slice(1), args.users[0]];
    const secondary = new pagerduty.Schedule(
      "secondary",
      { name: naming.physical("secondary"), timeZone: args.timeZone, layers: [layer(next)] },
      parent,
    );
    const policy = new pagerduty.EscalationPolicy(
      "escalation",
      {
        name: naming.physical("escalation"),
        description: `Primary, then secondary after ${ESCALATION_DELAY_MINUTES} minutes; twice round`,
        numLoops: 2,
        rules: [primary, secondary].map((schedule) => ({
          escalationDelayInMinutes: ESCALATION_DELAY_MINUTES,
          targets: [{ type: "schedule_reference", id: schedule.id }],
        })),
      },
      parent,
    );
    const service = new pagerduty.Service(
      "service",
      {
        name: naming.physical("platform"),
        description: "The platform's alerts: critical Prometheus alerts, CloudWatch alarms and security findings",
        escalationPolicy: policy.id,
        alertCreation: "create_alerts_and_incidents",
        // Re-notify an acknowledged incident after 30 minutes; never auto-resolve (senders resolve).
        acknowledgementTimeout: "1800",
        autoResolveTimeout: "null",
        incidentUrgencyRule: { type: "constant", urgency: "high" },
      },
      parent,
    );
    const keys = {} as Record<IntegrationName, pulumi.Output<string>>;
    for (const [key, description] of Object.entries(INTEGRATIONS) as [IntegrationName, string][]) {
      const integration = new pagerduty.ServiceIntegration(
        key,
        { name: description, service: service.id, type: EVENTS_API_V2 },
        { ...parent, additionalSecretOutputs: ["integrationKey"] },
      );
      keys[key] = pulumi.secret(integration.integrationKey);
    }

    this.routingKeys = keys;
    this.serviceId = service.id;
    this.escalationPolicyId = policy.id;
    this.registerOutputs({ serviceId: this.serviceId, escalationPolicyId: this.escalationPolicyId });
  }
}
