import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, serviceTrustPolicy } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { AccountContext } from "./archive";
import { deadLetterQueue } from "./dead-letters";

/**
 * The platform's alert severities (the same labels as the Prometheus rules and CloudWatch alarms):
 * `critical` pages, `warning` goes to chat, `info` is e-mail only. Every alert is e-mailed.
 */
export type AlertSeverity = "critical" | "warning" | "info";

/** The runbook page (docs/runbooks/<page>.md) of each family of finding routes. */
export function runbookPage(route: string): string {
  const family = route.replace(/-(critical|warning|info)$/, "").replace(/^break-glass-.*/, "break-glass");
  return `security-${family}`;
}

export interface FindingRoute {
  /** Logical and physical name stem of the rule. */
  name: string;
  description: string;
  severity: AlertSeverity;
  pattern: Record<string, unknown>;
  /** JSONPath of the one-line summary in the event. */
  titlePath: string;
  /** Global-service events are delivered in us-east-1 only: the rule there forwards them here. */
  global?: boolean;
}

const GUARDDUTY = { source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] };
const SECURITY_HUB = { source: ["aws.securityhub"], "detail-type": ["Security Hub Findings - Imported"] };
/** GuardDuty and Access Analyzer findings also reach Security Hub; their own rules route them once. */
const NOT_ROUTED_ELSEWHERE = { ProductName: [{ "anything-but": ["GuardDuty", "IAM Access Analyzer"] }] };

/** Security Hub's ASFF severity labels to the platform's severities. */
export const SECURITY_HUB_SEVERITIES: Record<AlertSeverity, string[]> = {
  critical: ["CRITICAL"],
  warning: ["HIGH", "MEDIUM"],
  info: ["LOW"],
};

/**
 * GuardDuty's numeric severity bands (GuardDuty user guide, "Severity levels of GuardDuty
 * findings": Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0).
 */
export const GUARDDUTY_SEVERITIES: Record<AlertSeverity, (string | number)[]> = {
  critical: [">=", 9],
  warning: [">=", 4, "<", 9],
  info: ["<", 4],
};

/** Every finding route of the account, given the break-glass role's ARN and name. */
export function findingRoutes(
  breakGlass: { arn: string; name: string } | undefined,
  accountId: string,
  partition: string,
): FindingRoute[] {
  const routes: FindingRoute[] = [];
  for (const severity of ["critical", "warning", "info"] as AlertSeverity[]) {
    routes.push({
      name: `guardduty-${severity}`,
      description: `GuardDuty findings of ${severity} severity`,
      severity,
      pattern: { ...GUARDDUTY, detail: { severity: [{ numeric: GUARDDUTY_SEVERITIES[severity] }] } },
      titlePath: "$.detail.title",
    });
    routes.push({
      name: `securityhub-${severity}`,
      description: `Security Hub findings labelled ${SECURITY_HUB_SEVERITIES[severity].join("/")}`,
      severity,
      pattern: {
        ...SECURITY_HUB,
        detail: {
          findings: {
            Severity: { Label: SECURITY_HUB_SEVERITIES[severity] },
            Workflow: { Status: ["NEW"] },
            RecordState: ["ACTIVE"],
            ...NOT_ROUTED_ELSEWHERE,
          },
        },
      },
      titlePath: "$.detail.findings[0].Title",
    });
  }
  routes.push({
    name: "access-analyzer",
    description: "IAM Access Analyzer: a resource shared outside the account",
    severity: "warning",
    pattern: { source: ["aws.access-analyzer"], "detail-type": ["Access Analyzer Finding"], detail: { status: ["ACTIVE"] } },
    titlePath: "$.detail.resource",
  });
  routes.push({
    name: "root-activity",
    description: "The root user signed in or called an API",
    severity: "critical",
    pattern: {
      "detail-type": ["AWS Console Sign In via CloudTrail", "AWS API Call via CloudTrail"],
      detail: { userIdentity: { type: ["Root"] } },
    },
    titlePath: "$.detail.eventName",
    global: true,
  });
  routes.push({
    name: "credentials-exposed",
    description: "AWS found an IAM access key of this account exposed in public",
    severity: "critical",
    pattern: {
      source: ["aws.health"],
      "detail-type": ["AWS Health Event"],
      detail: { eventTypeCode: ["AWS_RISK_CREDENTIALS_EXPOSED"] },
    },
    titlePath: "$.detail.eventTypeCode",
    global: true,
  });
  if (breakGlass) {
    routes.push({
      name: "break-glass-assumed",
      description: "The break-glass role was assumed",
      severity: "critical",
      pattern: {
        source: ["aws.sts"],
        "detail-type": ["AWS API Call via CloudTrail"],
        detail: { eventName: ["AssumeRole"], requestParameters: { roleArn: [breakGlass.arn] } },
      },
      titlePath: "$.detail.userIdentity.arn",
      global: true,
    });
    routes.push({
      name: "break-glass-console",
      description: "The break-glass role signed in to the console (switch role)",
      severity: "critical",
      pattern: {
        source: ["aws.signin"],
        "detail-type": ["AWS Console Sign In via CloudTrail"],
        detail: { userIdentity: { arn: [{ prefix: `arn:${partition}:sts::${accountId}:assumed-role/${breakGlass.name}/` }] } },
      },
      titlePath: "$.detail.userIdentity.arn",
      global: true,
    });
  }
  routes.push({
    name: "session-started",
    description: "A Session Manager session (shell or port forwarding) was started",
    severity: "warning",
    pattern: { source: ["aws.ssm"], "detail-type": ["AWS API Call via CloudTrail"], detail: { eventName: ["StartSession"] } },
    titlePath: "$.detail.userIdentity.arn",
  });
  return routes;
}

/**
 * The message every rule publishes to the alert topic: a flat JSON object whose `severity` is the
 * platform's label, so the topic's subscriptions route findings the way Alertmanager routes
 * alerts (subscription filter policy on the message body, e.g. `{"severity": ["critical"]}`).
 */
export function inputTransformer(route: FindingRoute, runbookUrl: string) {
  return {
    inputPaths: {
      title: route.titlePath,
      account: "$.account",
      region: "$.region",
      time: "$.time",
      id: "$.id",
      detailType: "$.detail-type",
    },
    inputTemplate: `{"severity": "${route.severity}", "alert": "${route.name}", "summary": "${route.description}", "title": <title>, "account": <account>, "region": <region>, "time": <time>, "eventId": <id>, "detailType": <detailType>, "runbook": "${runbookUrl}"}`,
  };
}

export interface FindingRulesArgs {
  naming: Naming;
  ctx: AccountContext;
  alertTopicArn: pulumi.Input<string>;
  runbooks: Runbooks;
  /** Dead-letter queue of this region's targets. */
  deadLetterArn: pulumi.Input<string>;
  breakGlass?: { arn: pulumi.Output<string>; name: string };
  /** us-east-1, where global-service events (IAM, STS global endpoint, sign-in) arrive. */
  usEast1Provider?: pulumi.ProviderResource;
}

/** EventBridge rules: each finding route to the alert topic; global events forwarded from us-east-1. */
export function createFindingRules(parent: pulumi.Resource, args: FindingRulesArgs) {
  const { naming, ctx } = args;
  const routes = pulumi
    .all([args.breakGlass?.arn ?? pulumi.output(""), ctx.accountId, ctx.partition])
    .apply(([arn, accountId, partition]) => ({ arn, accountId, partition }));
  // Route names are static (the rules' logical names must be known without an apply).
  const staticRoutes = findingRoutes(args.breakGlass ? { arn: "", name: args.breakGlass.name } : undefined, "", "");
  const rules: aws.cloudwatch.EventRule[] = [];
  for (const route of staticRoutes) {
    const pattern = routes.apply(({ arn, accountId, partition }) => {
      const live = findingRoutes(args.breakGlass ? { arn, name: args.breakGlass.name } : undefined, accountId, partition);
      return JSON.stringify(live.find((r) => r.name === route.name)!.pattern);
    });
    const rule = new aws.cloudwatch.EventRule(
      `finding-${route.name}`,
      {
        name: naming.physical(`finding-${route.name}`),
        description: args.runbooks.describe(`[${route.severity}] ${route.description}.`, runbookPage(route.name)),
        eventPattern: pattern,
        tags: { Severity: route.severity },
      },
      { parent },
    );
    new aws.cloudwatch.EventTarget(
      `finding-${route.name}-alert`,
      {
        rule: rule.name,
        arn: args.alertTopicArn,
        inputTransformer: inputTransformer(route, args.runbooks.url(runbookPage(route.name))),
        deadLetterConfig: { arn: args.deadLetterArn },
      },
      { parent },
    );
    rules.push(rule);
  }

  const forwarded = staticRoutes.filter((r) => r.global);
  if (args.usEast1Provider && ctx.region !== "us-east-1" && forwarded.length > 0) {
    const opts = { parent, provider: args.usEast1Provider };
    const homeBus = pulumi.interpolate`arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:event-bus/default`;
    const role = new aws.iam.Role(
      "finding-forwarder-role",
      {
        name: naming.physical("finding-forwarder", "iamRole"),
        assumeRolePolicy: serviceTrustPolicy("events.amazonaws.com", { accountId: ctx.accountId }),
      },
      opts,
    );
    new aws.iam.RolePolicy(
      "finding-forwarder-policy",
      {
        role: role.name,
        policy: policyDocument([{ Sid: "PutToHomeRegionBus", Effect: "Allow", Action: "events:PutEvents", Resource: homeBus }]),
      },
      opts,
    );
    const pattern = routes.apply(({ arn, accountId, partition }) => {
      const live = findingRoutes(args.breakGlass ? { arn, name: args.breakGlass.name } : undefined, accountId, partition);
      return JSON.stringify({ $or: live.filter((r) => r.global).map((r) => r.pattern) });
    });
    const rule = new aws.cloudwatch.EventRule(
      "finding-forward-global",
      {
        name: naming.physical("finding-forward-global"),
        description: `Global-service security events to ${ctx.region}`,
        eventPattern: pattern,
      },
      opts,
    );
    const dlq = deadLetterQueue(parent, {
      naming,
      ctx,
      region: "us-east-1",
      name: "security-events-dlq-us-east-1",
      rulePrefixes: ["finding-forward-global"],
      provider: args.usEast1Provider,
    });
    new aws.cloudwatch.EventTarget(
      "finding-forward-global-bus",
      { rule: rule.name, arn: homeBus, roleArn: role.arn, deadLetterConfig: { arn: dlq.arn } },
      opts,
    );
  }
  return rules;
}
