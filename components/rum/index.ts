import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RumSettings } from "../../infra/sections/rum";
import { policyDocument } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";
import { alarm, AlarmContext } from "../observability/alarms";
import { rumDashboardBody, WEB_VITALS } from "./metrics";

/** The guest pool's name after the stack prefix (the pack's guestPools allow-list is generated from it). */
export const RUM_GUEST_POOL = "rum-guests";

export interface RumArgs extends RumSettings {
  naming: Naming;
  region: string;
  /** The storefront's public host name: the only domain the app monitor accepts events from. */
  storefrontHost: string;
  /** The stack's alert topic: the web-vital and error-rate alarms notify it. */
  alertTopicArn: pulumi.Input<string>;
  runbooks: Runbooks;
}

/**
 * Real user monitoring of the storefront: a CloudWatch RUM app monitor for its domain; a Cognito
 * identity pool whose unauthenticated (guest) identities get credentials through the enhanced flow
 * only (the classic flow stays off), for a role that may call nothing but `rum:PutRumEvents` on
 * this monitor; p75 alarms on the Core Web Vitals (LCP, INP, CLS) and on the JavaScript error rate;
 * and a CloudWatch dashboard of the same metrics. The web client snippet is in docs/capacity.md.
 *
 * The monitor's configuration names the pool but no guest role: the web client (aws-rum-web) uses
 * the classic flow whenever `guestRoleArn` is set, and the pool refuses that flow. The pool's role
 * attachment is what hands the guest role out.
 */
export class RealUserMonitoring extends pulumi.ComponentResource {
  readonly appMonitorName: pulumi.Output<string>;
  readonly appMonitorId: pulumi.Output<string>;
  readonly appMonitorArn: pulumi.Output<string>;
  readonly identityPoolId: pulumi.Output<string>;
  readonly guestRoleArn: pulumi.Output<string>;
  readonly alarms: aws.cloudwatch.MetricAlarm[];

  constructor(name: string, args: RumArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:rum:RealUserMonitoring", name, {}, opts);
    const parent = { parent: this };
    const { naming } = args;
    const monitorName = naming.physical("storefront-rum");

    const pool = new aws.cognito.IdentityPool(
      "guests",
      {
        identityPoolName: naming.physical(RUM_GUEST_POOL),
        allowUnauthenticatedIdentities: true,
        allowClassicFlow: false,
      },
      parent,
    );

    // Assumable only through this pool, and only by its unauthenticated identities (Cognito
    // developer guide, "IAM roles": the aud and amr conditions of a role's trust policy).
    const guestRole = new aws.iam.Role(
      "guest-role",
      {
        name: naming.physical("rum-guest", "iamRole"),
        description: "CloudWatch RUM web client: unauthenticated storefront visitors may only send RUM events",
        assumeRolePolicy: policyDocument([
          {
            Effect: "Allow",
            Principal: { Federated: "cognito-identity.amazonaws.com" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: { "cognito-identity.amazonaws.com:aud": pool.id },
              "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" },
            },
          },
        ]),
        maxSessionDuration: 3600,
      },
      parent,
    );

    const monitor = new aws.rum.AppMonitor(
      "storefront",
      {
        name: monitorName,
        domain: args.storefrontHost,
        // The events stay in RUM (30 days); a copy in CloudWatch Logs would bill as log ingestion.
        cwLogEnabled: false,
        appMonitorConfiguration: {
          identityPoolId: pool.id,
          sessionSampleRate: args.sessionSamplePercent / 100,
          telemetries: ["performance", "errors", "http"],
          allowCookies: true,
          enableXray: false,
        },
      },
      parent,
    );

    new aws.iam.RolePolicy(
      "guest-put-events",
      {
        role: guestRole.id,
        name: "put-rum-events",
        policy: policyDocument([{ Effect: "Allow", Action: "rum:PutRumEvents", Resource: monitor.arn }]),
      },
      parent,
    );

    new aws.cognito.IdentityPoolRoleAttachment(
      "guests-roles",
      { identityPoolId: pool.id, roles: { unauthenticated: guestRole.arn } },
      parent,
    );

    const ctx: AlarmContext = { parent: this, naming, topicArn: args.alertTopicArn, runbooks: args.runbooks };
    const dims = { application_name: monitor.name };
    const thresholds = { lcp: args.lcpP75Ms, inp: args.inpP75Ms, cls: args.clsP75 };
    this.alarms = WEB_VITALS.map((v) =>
      alarm(ctx, `rum-${v.key}-p75`, {
        severity: "warning",
        alarmDescription: `Storefront p75 ${v.label} above ${thresholds[v.key]}${v.unit} for 15 minutes (real users, CloudWatch RUM).`,
        namespace: "AWS/RUM",
        metricName: v.metric,
        dimensions: dims,
        extendedStatistic: "p75",
        period: 300,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        threshold: thresholds[v.key],
        comparisonOperator: "GreaterThanThreshold",
        // No page views, no data: a quiet night is not a regression.
        treatMissingData: "notBreaching",
      }),
    );
    this.alarms.push(
      alarm(ctx, "rum-js-error-rate", {
        severity: "warning",
        alarmDescription: `Storefront JavaScript errors above ${args.jsErrorsPer100PageViews} per 100 page views for 15 minutes (periods with at least ${args.minPageViews} page views).`,
        comparisonOperator: "GreaterThanThreshold",
        threshold: args.jsErrorsPer100PageViews,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: "notBreaching",
        metricQueries: [
          {
            id: "errors",
            returnData: false,
            metric: { namespace: "AWS/RUM", metricName: "JsErrorCount", dimensions: dims, period: 300, stat: "Sum" },
          },
          {
            id: "views",
            returnData: false,
            metric: { namespace: "AWS/RUM", metricName: "PageViewCount", dimensions: dims, period: 300, stat: "Sum" },
          },
          {
            id: "rate",
            expression: `IF(views >= ${args.minPageViews}, 100 * FILL(errors, 0) / views, 0)`,
            label: "JS errors per 100 page views",
            returnData: true,
          },
        ],
      }),
    );

    new aws.cloudwatch.Dashboard(
      "dashboard",
      {
        dashboardName: naming.physical("storefront-rum"),
        dashboardBody: monitor.name.apply((app) => JSON.stringify(rumDashboardBody(app, args.region, thresholds))),
      },
      parent,
    );

    this.appMonitorName = monitor.name;
    this.appMonitorId = monitor.appMonitorId;
    this.appMonitorArn = monitor.arn;
    this.identityPoolId = pool.id;
    this.guestRoleArn = guestRole.arn;
    this.registerOutputs({ appMonitorArn: this.appMonitorArn, identityPoolId: this.identityPoolId });
  }
}
