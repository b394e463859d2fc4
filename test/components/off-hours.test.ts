/**
 * The out-of-hours scale-down (dev's cost lever): schedules that scale every node group to zero and
 * stop the database outside working hours, with a role that may do exactly that; none in staging or
 * prod, and the config refuses one there.
 */
import { strict as assert } from "node:assert";
import { ConfigError, loadConfig } from "../../infra/config";
import { readStackConfig, RegisteredResource, StackRun } from "../../tools/harness";
import { profiles } from "../../stacks";
import { stackRun, stackRunWith } from "../support/stacks";

const SCHEDULE = "aws:scheduler/schedule:Schedule";

function schedules(run: StackRun): RegisteredResource[] {
  return run.resources.filter((r) => r.type === SCHEDULE);
}
type Target = { arn: string; roleArn: string; input: string };
const target = (r: RegisteredResource) => r.inputs.target as Target;

describe("off-hours schedule", () => {
  it("dev: every node group is scaled to zero at the stop hour and restored to its configured sizes at the start hour", async () => {
    const run = await stackRun("dev");
    const { offHours } = profiles.dev.cost;
    const byName = new Map(schedules(run).map((s) => [s.name, s]));
    for (const key of ["system", "apps"] as const) {
      const stop = byName.get(`${key}-stop`)!;
      const start = byName.get(`${key}-start`)!;
      assert.equal(stop.inputs.scheduleExpression, `cron(0 ${offHours!.stopHour} ? * MON-FRI *)`);
      assert.equal(start.inputs.scheduleExpression, `cron(0 ${offHours!.startHour} ? * MON-FRI *)`);
      assert.equal(stop.inputs.scheduleExpressionTimezone, "Europe/Berlin");
      assert.equal(target(stop).arn, "arn:aws:scheduler:::aws-sdk:eks:updateNodegroupConfig");
      const group = profiles.dev.cluster.nodeGroups[key];
      assert.deepEqual(JSON.parse(target(stop).input), {
        ClusterName: "b2b-commerce-dev-eks",
        NodegroupName: `b2b-commerce-dev-${key}`,
        ScalingConfig: { MinSize: 0, DesiredSize: 0, MaxSize: group.maxSize },
      });
      assert.deepEqual(JSON.parse(target(start).input).ScalingConfig, {
        MinSize: group.minSize,
        DesiredSize: group.desiredSize,
        MaxSize: group.maxSize,
      });
    }
    assert.equal(target(byName.get("database-stop")!).arn, "arn:aws:scheduler:::aws-sdk:rds:stopDBInstance");
    assert.deepEqual(JSON.parse(target(byName.get("database-start")!).input), {
      DbInstanceIdentifier: "b2b-commerce-dev-postgres",
    });
  });

  it("dev: the scheduler role may only update these node groups and stop/start this database, and only Scheduler of this account assumes it", async () => {
    const run = await stackRun("dev");
    const role = run.resources.find((r) => r.type === "aws:iam/role:Role" && r.name === "scheduler-role")!;
    const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
    assert.deepEqual(trust.Statement[0].Principal, { Service: "scheduler.amazonaws.com" });
    assert.ok(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"]);
    const policy = JSON.parse(run.resources.find((r) => r.name === "scheduler-policy")!.inputs.policy as string);
    const actions = policy.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()).sort();
    assert.deepEqual(actions, ["eks:UpdateNodegroupConfig", "rds:StartDBInstance", "rds:StopDBInstance"]);
    for (const s of policy.Statement) for (const r of [s.Resource].flat()) assert.doesNotMatch(r, /\*/);
    for (const s of schedules(run)) assert.equal(target(s).roleArn, `arn:aws:iam::111122223333:role/${role.inputs.name}`);
  });

  for (const stack of ["staging", "prod"] as const) {
    it(`${stack}: nothing is scheduled down`, async () => {
      assert.deepEqual(schedules(await stackRun(stack)), []);
    });
  }

  it("an out-of-hours schedule in a high-availability stack is refused, naming the key", () => {
    const raw = readStackConfig("staging");
    raw["b2b-commerce:cost"] = JSON.stringify({
      offHours: { timezone: "UTC", workingDays: "MON-FRI", startHour: 7, stopHour: 20 },
    });
    assert.throws(
      () => loadConfig("b2b-commerce", "staging", raw),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.problems.some((p) => /"b2b-commerce:cost.offHours" is .*allowed: null in a high-availability environment/.test(p)),
    );
  });

  const withReplica = stackRunWith("dev", { config: { database: JSON.stringify({ replicaCount: 1 }) } });
  it("dev with a read replica: the nodes still scale down, the database is not stopped (RDS cannot stop it)", async () => {
    const run = await withReplica;
    const names = schedules(run).map((s) => s.name);
    assert.deepEqual(names.sort(), ["apps-start", "apps-stop", "system-start", "system-stop"]);
  });

  for (const [title, offHours, problem] of [
    ["a bad time zone", { timezone: "Berlin time" }, /cost.offHours.timezone" is "Berlin time"; allowed: an IANA time zone/],
    [
      "a stop hour before the start hour",
      { startHour: 20, stopHour: 7 },
      /cost.offHours.stopHour" is 7; allowed: an hour after startHour \(20\)/,
    ],
  ] as const) {
    it(`${title} is refused, naming the key`, () => {
      const raw = readStackConfig("dev");
      raw["b2b-commerce:cost"] = JSON.stringify({ offHours });
      assert.throws(
        () => loadConfig("b2b-commerce", "dev", raw),
        (e: unknown) => e instanceof ConfigError && e.problems.some((p) => problem.test(p)),
      );
    });
  }
});
