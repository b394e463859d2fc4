/**
 * Spending guarded in AWS, per stack: the monthly budget of the stack's own costs with its actual
 * and forecasted thresholds, the anomaly monitor and subscription, the cost allocation tags, Compute
 * Optimizer, and an alert topic that lets Budgets and Cost Anomaly Detection publish.
 */
import { strict as assert } from "node:assert";
import { loadConfig } from "../../infra/config";
import { REQUIRED_TAG_KEYS } from "../../infra/tagging";
import { readStackConfig, RegisteredResource, StackRun } from "../../tools/harness";
import { STACKS, stackRun } from "../support/stacks";

const one = (run: StackRun, type: string, name?: string): RegisteredResource => {
  const found = run.resources.filter((r) => r.type === type && (name === undefined || r.name === name));
  assert.equal(found.length, 1, `one ${type} ${name ?? ""}`);
  return found[0];
};
type Notification = {
  notificationType: string;
  threshold: number;
  thresholdType: string;
  comparisonOperator: string;
  subscriberSnsTopicArns: string[];
  subscriberEmailAddresses: string[];
};

describe("cost controls", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      let run: StackRun;
      const cost = () => loadConfig("b2b-commerce", stack, readStackConfig(stack)).cost;
      const topicArn = `arn:aws:sns:eu-central-1:111122223333:b2b-commerce-${stack}-alerts`;
      before(async () => {
        run = await stackRun(stack);
      });

      it("the budget counts only costs tagged with this stack's Environment and Project, at the configured limit", () => {
        const b = one(run, "aws:budgets/budget:Budget").inputs;
        assert.equal(b.budgetType, "COST");
        assert.equal(b.timeUnit, "MONTHLY");
        assert.equal(b.limitAmount, cost().monthlyBudgetUsd.toFixed(2));
        assert.equal(b.limitUnit, "USD");
        assert.deepEqual(b.filterExpression, {
          ands: [
            { tags: { key: "Environment", values: [stack], matchOptions: ["EQUALS"] } },
            { tags: { key: "Project", values: ["b2b-commerce"], matchOptions: ["EQUALS"] } },
          ],
        });
      });

      it("the budget notifies the alert topic and the owner e-mail at every configured actual and forecasted threshold", () => {
        const ns = one(run, "aws:budgets/budget:Budget").inputs.notifications as Notification[];
        const c = cost();
        const expected = [
          ...c.actualThresholdsPercent.map((t) => `ACTUAL ${t}`),
          ...c.forecastedThresholdsPercent.map((t) => `FORECASTED ${t}`),
        ];
        assert.deepEqual(
          ns.map((n) => `${n.notificationType} ${n.threshold}`),
          expected,
        );
        for (const n of ns) {
          assert.equal(n.thresholdType, "PERCENTAGE");
          assert.equal(n.comparisonOperator, "GREATER_THAN");
          assert.deepEqual(n.subscriberSnsTopicArns, [topicArn]);
          assert.deepEqual(n.subscriberEmailAddresses, ["platform-alerts@example.com"]);
        }
      });

      it("a custom anomaly monitor of this stack's tags alerts the topic immediately above the configured impact", () => {
        const m = one(run, "aws:costexplorer/anomalyMonitor:AnomalyMonitor").inputs;
        assert.equal(m.monitorType, "CUSTOM");
        assert.deepEqual(JSON.parse(m.monitorSpecification as string).And[0], {
          Tags: { Key: "Environment", Values: [stack], MatchOptions: ["EQUALS"] },
        });
        const s = one(run, "aws:costexplorer/anomalySubscription:AnomalySubscription").inputs;
        assert.equal(s.frequency, "IMMEDIATE");
        assert.deepEqual(s.subscribers, [{ type: "SNS", address: topicArn }]);
        assert.deepEqual(s.thresholdExpression, {
          dimension: {
            key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
            values: [String(cost().anomalyThresholdUsd)],
            matchOptions: ["GREATER_THAN_OR_EQUAL"],
          },
        });
        // The mock's ARN of this stack's monitor (the subscription watches that monitor only).
        assert.deepEqual(s.monitorArnLists, [
          `arn:aws:costexplorer:eu-central-1:111122223333:b2b-commerce-${stack}-cost-anomalies`,
        ]);
      });

      it("the required tags are active cost allocation tags, and Compute Optimizer is enrolled", () => {
        const tags = run.resources.filter((r) => r.type === "aws:costexplorer/costAllocationTag:CostAllocationTag");
        assert.deepEqual(tags.map((t) => t.inputs.tagKey).sort(), [...REQUIRED_TAG_KEYS].sort());
        for (const t of tags) assert.equal(t.inputs.status, "Active");
        assert.equal(one(run, "aws:computeoptimizer/enrollmentStatus:EnrollmentStatus").inputs.status, "Active");
      });

      it("the alert topic and its key admit Budgets and Cost Anomaly Detection of this account only", () => {
        // The home region's topic (prod has a second one in the DR region, components/dr).
        const home = { ...run, resources: run.resources.filter((r) => r.provider?.split("::")[3] !== "aws-dr") };
        const policy = JSON.parse(one(home, "aws:sns/topicPolicy:TopicPolicy", "alerts-policy").inputs.policy as string);
        const publish = policy.Statement.find((s: { Action: string }) => s.Action === "sns:Publish");
        assert.deepEqual(publish.Principal.Service, [
          "cloudwatch.amazonaws.com",
          "budgets.amazonaws.com",
          "costalerts.amazonaws.com",
        ]);
        assert.deepEqual(publish.Condition, { StringEquals: { "aws:SourceAccount": "111122223333" } });
        const key = run.resources.find((r) => r.type === "aws:kms/key:Key" && r.name === "alerts-key")!;
        const keyPolicy = JSON.parse(key.inputs.policy as string);
        const sources = keyPolicy.Statement.find((s: { Sid: string }) => s.Sid === "AlertSourcesOfThisAccount");
        assert.ok(sources.Principal.Service.includes("budgets.amazonaws.com"));
        assert.ok(sources.Principal.Service.includes("costalerts.amazonaws.com"));
      });
    });
  }
});
