import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { Severity } from "./rules";

export interface AlarmContext {
  parent: pulumi.Resource;
  naming: Naming;
  /** The stack's one alert topic: every alarm notifies it on ALARM and on OK. */
  topicArn: pulumi.Input<string>;
  /** Links each alarm's description to its runbook page. */
  runbooks: Runbooks;
  /** Collects the critical alarms (fault-injection experiments stop on them). */
  critical?: aws.cloudwatch.MetricAlarm[];
  /** Provider of another region (an alarm watches metrics of its own region only); default the parent's. */
  provider?: pulumi.ProviderResource;
}

export type AlarmSpec = Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions" | "name" | "tags"> & {
  severity: Severity;
  /** The runbook page (`docs/runbooks/<page>.md`). Default: the alarm's name. */
  runbook?: string;
};

/**
 * A CloudWatch alarm on the alert topic, named `<prefix>-<severity>-<name>` and tagged `Severity`,
 * so the e-mail subject and the console show the same severities as Alertmanager. The description
 * ends with the link to the alarm's runbook page.
 */
export function alarm(ctx: AlarmContext, name: string, spec: AlarmSpec): aws.cloudwatch.MetricAlarm {
  const { severity, runbook, ...rest } = spec;
  const runbookUrl = ctx.runbooks.url(runbook ?? name);
  const created = new aws.cloudwatch.MetricAlarm(
    `alarm-${name}`,
    {
      ...rest,
      name: ctx.naming.physical(`${severity}-${name}`),
      alarmDescription: pulumi.interpolate`[${severity}] ${rest.alarmDescription ?? name} Runbook: ${runbookUrl}`,
      alarmActions: [ctx.topicArn],
      okActions: [ctx.topicArn],
      tags: { Name: ctx.naming.physical(`${severity}-${name}`), Severity: severity },
    },
    { parent: ctx.parent, ...(ctx.provider ? { provider: ctx.provider } : {}) },
  );
  if (severity === "critical") ctx.critical?.push(created);
  return created;
}

/**
 * A critical alarm raised while a dead-letter queue holds a message: each one is an alert or event
 * that reached nobody. SQS publishes the queue's depth every five minutes; an empty queue has no
 * missing data to worry about.
 */
export function queueNotEmptyAlarm(
  ctx: AlarmContext,
  name: string,
  queueName: pulumi.Input<string>,
  alarmDescription: string,
): aws.cloudwatch.MetricAlarm {
  return alarm(ctx, name, {
    severity: "critical",
    alarmDescription,
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: queueName },
    statistic: "Maximum",
    period: 300,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
    treatMissingData: "notBreaching",
  });
}

export interface EdgeAlarmArgs {
  /** `arnSuffix` of the public ALB (`app/<name>/<id>`). */
  albArnSuffix?: pulumi.Input<string>;
  /** Name of the regional Web ACL in front of the ALB. */
  webAclName?: pulumi.Input<string>;
  region: string;
}

/**
 * ALB 5xx and latency and WAF blocked-request spikes, for the identifiers given. The database's
 * alarms (CPU, storage, memory, connections, replica lag) belong to components/database.
 */
export function createEdgeAlarms(ctx: AlarmContext, args: EdgeAlarmArgs) {
  const alarms: aws.cloudwatch.MetricAlarm[] = [];
  if (args.albArnSuffix !== undefined) {
    const lb = { LoadBalancer: args.albArnSuffix };
    alarms.push(
      alarm(ctx, "alb-target-5xx-rate", {
        severity: "critical",
        alarmDescription: "More than 5% of the ALB's requests end in a 5xx from the targets (3 of 5 minutes).",
        comparisonOperator: "GreaterThanThreshold",
        threshold: 5,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: "notBreaching",
        metricQueries: [
          {
            id: "errors",
            returnData: false,
            metric: {
              namespace: "AWS/ApplicationELB",
              metricName: "HTTPCode_Target_5XX_Count",
              dimensions: lb,
              period: 60,
              stat: "Sum",
            },
          },
          {
            id: "requests",
            returnData: false,
            metric: { namespace: "AWS/ApplicationELB", metricName: "RequestCount", dimensions: lb, period: 60, stat: "Sum" },
          },
          {
            id: "rate",
            expression: "100 * FILL(errors, 0) / IF(requests > 0, requests, 1)",
            label: "Target 5xx %",
            returnData: true,
          },
        ],
      }),
      alarm(ctx, "alb-elb-5xx", {
        severity: "critical",
        alarmDescription: "The ALB itself returns 5xx (no healthy target, or target connection errors).",
        namespace: "AWS/ApplicationELB",
        metricName: "HTTPCode_ELB_5XX_Count",
        dimensions: lb,
        statistic: "Sum",
        period: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        threshold: 10,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
      }),
      alarm(ctx, "alb-target-latency-p95", {
        severity: "warning",
        alarmDescription: "p95 target response time above 1 s for 10 minutes.",
        namespace: "AWS/ApplicationELB",
        metricName: "TargetResponseTime",
        dimensions: lb,
        extendedStatistic: "p95",
        period: 300,
        evaluationPeriods: 2,
        threshold: 1,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
      }),
    );
  }
  if (args.webAclName !== undefined) {
    alarms.push(
      alarm(ctx, "waf-blocked-spike", {
        severity: "warning",
        alarmDescription:
          "WAF blocked requests above the anomaly band (3 standard deviations): an attack or a false-positive rule.",
        comparisonOperator: "GreaterThanUpperThreshold",
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        thresholdMetricId: "band",
        treatMissingData: "notBreaching",
        metricQueries: [
          {
            id: "blocked",
            returnData: true,
            metric: {
              namespace: "AWS/WAFV2",
              metricName: "BlockedRequests",
              dimensions: { WebACL: args.webAclName, Region: args.region, Rule: "ALL" },
              period: 300,
              stat: "Sum",
            },
          },
          { id: "band", expression: "ANOMALY_DETECTION_BAND(blocked, 3)", label: "expected", returnData: true },
        ],
      }),
    );
  }
  return alarms;
}
