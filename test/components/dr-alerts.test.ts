import { strict as assert } from "node:assert";
import { ofType, RegisteredResource, StackRun } from "../../tools/harness";
import { withEngineUrns } from "../../tools/urns";
import { STACKS, stackRun } from "../support/stacks";

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const inputs = (r: RegisteredResource) => r.inputs as Inputs;
const providerName = (r: RegisteredResource) => r.provider?.split("::")[3];
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

function named(run: StackRun, type: string, name: string): RegisteredResource {
  const found = run.resources.filter((r) => r.type === type && r.name === name);
  assert.equal(found.length, 1, `${type} "${name}": ${found.length} registered`);
  return found[0];
}

describe("DR alerts (prod, pilot light)", () => {
  let run: StackRun;
  let drTopicArn: string;
  before(async () => {
    run = withEngineUrns(await stackRun("prod"));
    const topics = ofType(run, "aws:sns/topic:Topic").filter((t) => t.urn.includes("b2b:dr:DrRegion$b2b:alerting:Alerting"));
    assert.equal(topics.length, 1, "one alert topic in the DR region");
    assert.equal(providerName(topics[0]), "aws-dr");
    assert.ok(inputs(topics[0]).kmsMasterKeyId, "the DR topic is encrypted");
    drTopicArn = `arn:aws:sns:eu-central-1:111122223333:${inputs(topics[0]).name}`;
    assert.equal(inputs(topics[0]).name, "b2b-commerce-prod-dr-alerts");
  });

  it("alarms in the DR region when the cross-region replica lags more than 300 s or reports no lag", () => {
    const lag = inputs(named(run, ALARM, "alarm-postgres-dr-replica-lag"));
    assert.equal(providerName(named(run, ALARM, "alarm-postgres-dr-replica-lag")), "aws-dr");
    assert.equal(lag.metricName, "ReplicaLag");
    assert.deepEqual(lag.dimensions, { DBInstanceIdentifier: "b2b-commerce-prod-postgres-dr" });
    assert.equal(lag.threshold, 300);
    assert.equal(lag.comparisonOperator, "GreaterThanThreshold");
    assert.equal(lag.treatMissingData, "breaching");
    assert.deepEqual(lag.alarmActions, [drTopicArn]);
    assert.deepEqual(lag.okActions, [drTopicArn]);
    assert.match(lag.alarmDescription, /^\[critical\] .*Runbook: https:\/\/.*\/docs\/runbooks\/postgres-dr-replica-lag\.md$/);
  });

  it("alerts on the replica's RDS events (replication stopped or failed, failure, low storage) with a dead-letter queue", () => {
    const rule = named(run, "aws:cloudwatch/eventRule:EventRule", "postgres-dr-replica-event");
    assert.equal(providerName(rule), "aws-dr");
    const pattern = JSON.parse(inputs(rule).eventPattern);
    assert.deepEqual(pattern.source, ["aws.rds"]);
    assert.deepEqual(pattern["detail-type"], ["RDS DB Instance Event"]);
    assert.deepEqual(pattern.resources, ["arn:aws:rds:eu-central-1:111122223333:db:b2b-commerce-prod-postgres-dr"]);
    assert.deepEqual(pattern.detail.EventCategories, ["failure", "read replica", "low storage"]);
    const target = named(run, "aws:cloudwatch/eventTarget:EventTarget", "postgres-dr-replica-event-alert");
    assert.equal(providerName(target), "aws-dr");
    assert.equal(inputs(target).arn, drTopicArn);
    const dlq = named(run, "aws:sqs/queue:Queue", "dr-alerts-dlq");
    assert.equal(providerName(dlq), "aws-dr");
    assert.ok(inputs(dlq).kmsMasterKeyId);
    assert.match(inputs(target).deadLetterConfig.arn, /dr-alerts-dlq$/);
    const policy = JSON.parse(inputs(named(run, "aws:sqs/queuePolicy:QueuePolicy", "dr-alerts-dlq-policy")).policy);
    // Only the DR rule may park events there (the mock's ARN shape; a real one is arn:...:events:...:rule/<name>).
    const sources = policy.Statement[0].Condition.ArnEquals["aws:SourceArn"];
    assert.equal(sources.length, 1);
    assert.match(sources[0], /:b2b-commerce-prod-postgres-dr-replica-event$/);
  });

  it("alarms when a DR alert is parked in its dead-letter queue", () => {
    const a = named(run, ALARM, "alarm-dr-alerts-undelivered");
    assert.equal(providerName(a), "aws-dr");
    assert.equal(inputs(a).metricName, "ApproximateNumberOfMessagesVisible");
    assert.deepEqual(inputs(a).dimensions, { QueueName: "b2b-commerce-prod-dr-alerts-dlq" });
    assert.equal(inputs(a).threshold, 0);
    assert.deepEqual(inputs(a).alarmActions, [drTopicArn]);
  });
});

for (const stack of STACKS) {
  describe(`backup alert dead-letter queue (${stack})`, () => {
    it("alarms on the home alert topic when a backup or restore alert could not be delivered", async () => {
      const run = await stackRun(stack);
      const a = named(run, ALARM, "alarm-backup-alerts-undelivered");
      assert.equal(providerName(a), "aws");
      assert.equal(inputs(a).namespace, "AWS/SQS");
      assert.deepEqual(inputs(a).dimensions, { QueueName: `b2b-commerce-${stack}-backup-alerts-dlq` });
      assert.equal(inputs(a).comparisonOperator, "GreaterThanThreshold");
      assert.equal(inputs(a).threshold, 0);
      assert.deepEqual(inputs(a).alarmActions, [`arn:aws:sns:eu-central-1:111122223333:b2b-commerce-${stack}-alerts`]);
      if (stack !== "prod") {
        assert.equal(
          run.resources.filter((r) => r.name.startsWith("alarm-postgres-dr-") || r.name.startsWith("dr-alerts")).length,
          0,
        );
      }
    });
  });
}
