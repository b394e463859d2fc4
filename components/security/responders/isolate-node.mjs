// Automated first response: an EC2 instance (a cluster node) that GuardDuty reports compromised is
// isolated and preserved for forensics:
// 1. every network interface gets only the quarantine security group (no rules: nothing in or
//    out for new connections; tracked connections may persist, see the runbook);
// 2. every attached EBS volume is snapshotted once per finding (tagged with the finding id);
// 3. the instance is tagged Quarantine=<finding id> so that people and automation see it.
// The instance is not stopped or terminated: memory and volumes stay available to the responder.
// Idempotent: interfaces already isolated and volumes already snapshotted for this finding are skipped.
import {
  CreateSnapshotCommand,
  CreateTagsCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  ModifyNetworkInterfaceAttributeCommand,
} from "@aws-sdk/client-ec2";
import { SNSClient } from "@aws-sdk/client-sns";
import { isSample, notifyOnly, report } from "./report.mjs";

/** The instance and finding of a GuardDuty EC2 finding, or undefined. */
export function targetOf(event) {
  const d = event?.detail ?? {};
  if (event?.source !== "aws.guardduty" || isSample(event)) return undefined;
  const instanceId = d.resource?.resourceType === "Instance" ? d.resource?.instanceDetails?.instanceId : undefined;
  return instanceId ? { instanceId, findingId: d.id, type: d.type } : undefined;
}

export async function respond(event, { ec2, sns, env }) {
  const target = targetOf(event);
  if (!target) return { actions: [] };
  const { instanceId, findingId } = target;
  const actions = [];
  const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const instance = described.Reservations?.[0]?.Instances?.[0];
  if (!instance) {
    actions.push({ instanceId, action: "none", reason: "instance not found" });
  } else if (instance.VpcId !== env.VPC_ID) {
    actions.push({ instanceId, action: "none", reason: `outside the platform VPC (${instance.VpcId})` });
  } else {
    const quarantine = env.QUARANTINE_SECURITY_GROUP_ID;
    for (const eni of instance.NetworkInterfaces ?? []) {
      const groups = (eni.Groups ?? []).map((g) => g.GroupId);
      if (groups.length === 1 && groups[0] === quarantine) {
        actions.push({ networkInterfaceId: eni.NetworkInterfaceId, action: "none", reason: "already isolated" });
        continue;
      }
      if (notifyOnly(env)) {
        actions.push({
          networkInterfaceId: eni.NetworkInterfaceId,
          action: `would replace ${groups.join(",")} with ${quarantine}`,
        });
        continue;
      }
      await ec2.send(
        new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: eni.NetworkInterfaceId, Groups: [quarantine] }),
      );
      actions.push({ networkInterfaceId: eni.NetworkInterfaceId, action: `replaced ${groups.join(",")} with ${quarantine}` });
    }
    for (const mapping of instance.BlockDeviceMappings ?? []) {
      const volumeId = mapping.Ebs?.VolumeId;
      if (!volumeId) continue;
      const existing = await ec2.send(
        new DescribeSnapshotsCommand({
          OwnerIds: ["self"],
          Filters: [
            { Name: "volume-id", Values: [volumeId] },
            { Name: "tag:FindingId", Values: [findingId] },
          ],
        }),
      );
      if ((existing.Snapshots ?? []).length > 0) {
        actions.push({ volumeId, action: "none", reason: `already snapshotted (${existing.Snapshots[0].SnapshotId})` });
        continue;
      }
      if (notifyOnly(env)) {
        actions.push({ volumeId, action: "would snapshot" });
        continue;
      }
      const snap = await ec2.send(
        new CreateSnapshotCommand({
          VolumeId: volumeId,
          Description: `Forensic copy: GuardDuty finding ${findingId} on ${instanceId}`,
          TagSpecifications: [
            {
              ResourceType: "snapshot",
              Tags: [
                { Key: "FindingId", Value: findingId },
                { Key: "InstanceId", Value: instanceId },
              ],
            },
          ],
        }),
      );
      actions.push({ volumeId, action: `snapshot ${snap.SnapshotId}` });
    }
    if (!notifyOnly(env)) {
      await ec2.send(new CreateTagsCommand({ Resources: [instanceId], Tags: [{ Key: "Quarantine", Value: findingId }] }));
    }
  }
  await report(sns, env, {
    alert: "response-isolate-node",
    severity: "critical",
    summary: `GuardDuty ${target.type} on ${instanceId}`,
    resource: instanceId,
    actions,
  });
  return { actions };
}

let deps;
export const handler = (event) => respond(event, (deps ??= { ec2: new EC2Client({}), sns: new SNSClient({}), env: process.env }));
