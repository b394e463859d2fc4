import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import type { DataTier } from "./index";

/** Restore-testing plan and selection names allow letters, digits and underscores only (AWS Backup API). */
export function restoreTestingName(naming: Naming, name: string): string {
  return naming.physical(name).replace(/-/g, "_").slice(0, 50);
}

export interface RestoreTestingArgs {
  naming: Naming;
  /** EventBridge cron expression, UTC. */
  schedule: string;
  vaultArn: pulumi.Input<string>;
  roleArn: pulumi.Input<string>;
  tiers: Record<string, DataTier>;
}

/**
 * Restore testing: on the schedule AWS Backup restores the latest recovery point (of the last 7
 * days) of every tier marked for it into a new, temporary resource, waits for its validation
 * window and deletes it again. Each restore job's result (and duration: the measured restore time
 * of docs/dr.md) is in the AWS Backup console and raises an event; failed ones alert (alerts.ts).
 */
export function createRestoreTesting(parent: pulumi.Resource, args: RestoreTestingArgs) {
  const { naming } = args;
  const plan = new aws.backup.RestoreTestingPlan(
    "restore-testing",
    {
      name: restoreTestingName(naming, "restore-tests"),
      scheduleExpression: args.schedule,
      scheduleExpressionTimezone: "Etc/UTC",
      startWindowHours: 4,
      recoveryPointSelection: {
        algorithm: "LATEST_WITHIN_WINDOW",
        includeVaults: [args.vaultArn],
        recoveryPointTypes: ["SNAPSHOT"],
        selectionWindowDays: 7,
      },
      tags: { Name: naming.physical("restore-tests") },
    },
    { parent },
  );
  const selections: aws.backup.RestoreTestingSelection[] = [];
  for (const [tier, spec] of Object.entries(args.tiers)) {
    if (!spec.restoreTest) continue;
    selections.push(
      new aws.backup.RestoreTestingSelection(
        `restore-testing-${tier}`,
        {
          name: restoreTestingName(naming, `restore-${tier}`),
          restoreTestingPlanName: plan.name,
          protectedResourceType: spec.resourceType,
          iamRoleArn: args.roleArn,
          ...(spec.selectByTag
            ? {
                protectedResourceArns: ["*"],
                protectedResourceConditions: { stringEquals: [{ key: "aws:ResourceTag/BackupTier", value: tier }] },
              }
            : { protectedResourceArns: spec.resourceArns ?? [] }),
          ...(spec.restoreTest.metadataOverrides ? { restoreMetadataOverrides: spec.restoreTest.metadataOverrides } : {}),
          // Time to run checks against the restored copy before AWS Backup deletes it.
          validationWindowHours: 2,
        },
        { parent },
      ),
    );
  }
  return { plan, selections };
}
