import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { createSchedulerRole } from "./iam";

/** A managed node group the schedule scales to zero and back. */
export interface ScheduledNodeGroup {
  /** The EKS node group name. */
  name: pulumi.Input<string>;
  arn: pulumi.Input<string>;
  /** Working-hours sizes restored each morning (cluster-autoscaler takes over from there). */
  minSize: number;
  desiredSize: number;
  maxSize: number;
}

export interface OffHoursArgs {
  naming: Naming;
  /** IANA time zone of the working hours (EventBridge Scheduler evaluates the cron there, DST included). */
  timezone: string;
  /** Working days as a cron day-of-week range. */
  workingDays: "MON-FRI" | "MON-SAT";
  /** Hour the stack starts (local time). */
  startHour: number;
  /** Hour the stack scales down (local time). */
  stopHour: number;
  clusterName: pulumi.Input<string>;
  /** Node groups by key (all of them: see below why the system group too). */
  nodeGroups: Record<string, ScheduledNodeGroup>;
  /** The database instance stopped out of hours (one without read replicas: RDS cannot stop those). */
  database?: { identifier: pulumi.Input<string>; arn: pulumi.Input<string> };
}

/** EventBridge Scheduler's universal targets call one AWS API action each (Scheduler user guide). */
const EKS_UPDATE_NODEGROUP = "arn:aws:scheduler:::aws-sdk:eks:updateNodegroupConfig";
const RDS_STOP = "arn:aws:scheduler:::aws-sdk:rds:stopDBInstance";
const RDS_START = "arn:aws:scheduler:::aws-sdk:rds:startDBInstance";

/**
 * Out-of-hours scale-down for a development stack: every node group to zero nodes and the database
 * stopped at `stopHour` on working days, started again at `startHour`. Nights and weekends then
 * bill only the control plane, NAT, load balancer and storage (docs/cost.md has the saving).
 *
 * All node groups go to zero, not just `apps`: cluster-autoscaler runs on the system group and
 * would scale `apps` straight back up for the pending pods; with no nodes, nothing runs to do so.
 * A `pulumi up` out of hours restores the configured sizes (the node group's min and max are
 * program inputs); the next evening's schedule scales down again. A stopped RDS instance starts
 * by itself after seven days; the daily stop covers that (RDS user guide, "Stopping a DB instance").
 */
export class OffHours extends pulumi.ComponentResource {
  /** The schedules' names, by key (`<group>-stop`, `<group>-start`, `database-stop`, ...). */
  readonly scheduleNames: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: OffHoursArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:off-hours:OffHours", name, {}, opts);
    const { naming } = args;
    const parent = { parent: this };
    const { role, policy } = createSchedulerRole(
      this,
      naming,
      Object.values(args.nodeGroups).map((g) => g.arn),
      args.database?.arn,
    );

    const at = (hour: number) => `cron(0 ${hour} ? * ${args.workingDays} *)`;
    const schedules: Record<string, aws.scheduler.Schedule> = {};
    const schedule = (
      key: string,
      hour: number,
      targetArn: string,
      input: pulumi.Input<Record<string, unknown>>,
      what: string,
    ) => {
      schedules[key] = new aws.scheduler.Schedule(
        key,
        {
          name: naming.physical(`off-hours-${key}`),
          description: what,
          scheduleExpression: at(hour),
          scheduleExpressionTimezone: args.timezone,
          flexibleTimeWindow: { mode: "OFF" },
          state: "ENABLED",
          target: {
            arn: targetArn,
            roleArn: role.arn,
            input: pulumi.output(input).apply((i) => JSON.stringify(i)),
            // A node group mid-update rejects another update: retry for a while.
            retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 3600 },
          },
        },
        { ...parent, dependsOn: [policy] },
      );
    };

    for (const [key, g] of Object.entries(args.nodeGroups)) {
      const scaling = (min: number, desired: number) => ({ MinSize: min, DesiredSize: desired, MaxSize: g.maxSize });
      schedule(
        `${key}-stop`,
        args.stopHour,
        EKS_UPDATE_NODEGROUP,
        { ClusterName: args.clusterName, NodegroupName: g.name, ScalingConfig: scaling(0, 0) },
        `Scale node group ${key} to zero out of hours`,
      );
      schedule(
        `${key}-start`,
        args.startHour,
        EKS_UPDATE_NODEGROUP,
        { ClusterName: args.clusterName, NodegroupName: g.name, ScalingConfig: scaling(g.minSize, g.desiredSize) },
        `Restore node group ${key} for working hours`,
      );
    }
    if (args.database) {
      const input = { DbInstanceIdentifier: args.database.identifier };
      schedule("database-stop", args.stopHour, RDS_STOP, input, "Stop the database out of hours");
      schedule("database-start", args.startHour, RDS_START, input, "Start the database for working hours");
    }

    this.scheduleNames = Object.fromEntries(Object.entries(schedules).map(([k, s]) => [k, s.name]));
    this.registerOutputs({ scheduleNames: this.scheduleNames });
  }
}
