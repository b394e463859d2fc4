import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";

export interface CostControlsArgs {
  naming: Naming;
  /** The stack's `Environment` and `Project` tag values: the budget and the monitor count only their costs. */
  environment: string;
  project: string;
  /** Monthly cost budget in USD. */
  monthlyBudgetUsd: number;
  /** Percentages of the budget at which actual and forecasted spend notify. */
  actualThresholdsPercent: number[];
  forecastedThresholdsPercent: number[];
  /** Cost Anomaly Detection: notify when an anomaly's total impact reaches this many USD. */
  anomalyThresholdUsd: number;
  /** The stack's alert topic (its policy and key admit AWS Budgets and Cost Anomaly Detection). */
  alertTopicArn: pulumi.Input<string>;
  /** The owner's e-mail, subscribed to the budget directly (a budget alert must not depend on the topic). */
  ownerEmail: string;
  /** Tag keys to activate as cost allocation tags (the required tags). */
  costAllocationTags: readonly string[];
}

/**
 * Spending guarded in AWS: a monthly cost budget of the stack's own costs (tags Environment and
 * Project) with actual and forecasted thresholds, a Cost Anomaly Detection monitor of the same
 * costs with an immediate subscription on the alert topic, the required tags activated as cost
 * allocation tags (without that, Budgets and Cost Explorer cannot filter by them), and Compute
 * Optimizer enrolment for right-sizing recommendations. See docs/cost.md.
 *
 * Cost allocation tags and Compute Optimizer enrolment are account-wide settings: several stacks
 * in one account declare the same state, and `retainOnDelete` keeps a stack's destroy from
 * switching them off for the others. In an AWS Organization only the management account can
 * activate cost allocation tags (Billing user guide, "Activating user-defined cost allocation tags").
 */
export class CostControls extends pulumi.ComponentResource {
  readonly budgetName: pulumi.Output<string>;
  readonly anomalyMonitorArn: pulumi.Output<string>;

  constructor(name: string, args: CostControlsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:cost-controls:CostControls", name, {}, opts);
    const parent = { parent: this };
    const { naming } = args;

    const tags = [];
    for (const key of args.costAllocationTags)
      tags.push(
        new aws.costexplorer.CostAllocationTag(
          `tag-${key}`,
          { tagKey: key, status: "Active" },
          { ...parent, retainOnDelete: true },
        ),
      );

    // Costs carrying both tags of this stack. The Budgets filter expression takes Cost Explorer's
    // Expression shape (Budgets API reference, Budget.FilterExpression).
    const notification = (type: "ACTUAL" | "FORECASTED", percent: number) => ({
      notificationType: type,
      comparisonOperator: "GREATER_THAN",
      threshold: percent,
      thresholdType: "PERCENTAGE",
      subscriberSnsTopicArns: [args.alertTopicArn],
      subscriberEmailAddresses: [args.ownerEmail],
    });
    const budget = new aws.budgets.Budget(
      "monthly",
      {
        name: naming.physical("monthly-cost"),
        budgetType: "COST",
        timeUnit: "MONTHLY",
        limitAmount: args.monthlyBudgetUsd.toFixed(2),
        limitUnit: "USD",
        filterExpression: {
          ands: [
            { tags: { key: "Environment", values: [args.environment], matchOptions: ["EQUALS"] } },
            { tags: { key: "Project", values: [args.project], matchOptions: ["EQUALS"] } },
          ],
        },
        notifications: [
          ...args.actualThresholdsPercent.map((p) => notification("ACTUAL", p)),
          ...args.forecastedThresholdsPercent.map((p) => notification("FORECASTED", p)),
        ],
        tags: { Name: naming.physical("monthly-cost") },
      },
      { ...parent, dependsOn: tags },
    );

    // A custom monitor of this stack's costs: a per-service (DIMENSIONAL) monitor is one per
    // account and would mix the stacks (Cost Explorer API reference, AnomalyMonitor).
    const monitor = new aws.costexplorer.AnomalyMonitor(
      "anomalies",
      {
        name: naming.physical("cost-anomalies"),
        monitorType: "CUSTOM",
        monitorSpecification: JSON.stringify({
          And: [
            { Tags: { Key: "Environment", Values: [args.environment], MatchOptions: ["EQUALS"] } },
            { Tags: { Key: "Project", Values: [args.project], MatchOptions: ["EQUALS"] } },
          ],
        }),
        tags: { Name: naming.physical("cost-anomalies") },
      },
      { ...parent, dependsOn: tags },
    );
    // IMMEDIATE alerts go to SNS only (DAILY/WEEKLY are e-mail digests); the topic e-mails the owner.
    new aws.costexplorer.AnomalySubscription(
      "anomalies",
      {
        name: naming.physical("cost-anomalies"),
        frequency: "IMMEDIATE",
        monitorArnLists: [monitor.arn],
        subscribers: [{ type: "SNS", address: args.alertTopicArn }],
        thresholdExpression: {
          dimension: {
            key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
            values: [String(args.anomalyThresholdUsd)],
            matchOptions: ["GREATER_THAN_OR_EQUAL"],
          },
        },
        tags: { Name: naming.physical("cost-anomalies") },
      },
      parent,
    );

    // Recommendations for EC2 (the node groups), EBS, Lambda and RDS after about 30 hours of
    // metrics: read them in the Compute Optimizer console or `aws compute-optimizer
    // get-ec2-instance-recommendations` (docs/cost.md "Right-sizing").
    new aws.computeoptimizer.EnrollmentStatus("compute-optimizer", { status: "Active" }, { ...parent, retainOnDelete: true });

    this.budgetName = budget.name;
    this.anomalyMonitorArn = monitor.arn;
    this.registerOutputs({ budgetName: this.budgetName, anomalyMonitorArn: this.anomalyMonitorArn });
  }
}
