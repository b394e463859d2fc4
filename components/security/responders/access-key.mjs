// Automated first response: an IAM user access key reported exposed or abused is deactivated
// (not deleted: the owner can see which key it was and reactivate it after the investigation).
// Idempotent: an inactive key is left alone. Temporary (ASIA) keys cannot be deactivated; the
// runbook revokes their role sessions instead.
import { GetAccessKeyLastUsedCommand, IAMClient, ListAccessKeysCommand, UpdateAccessKeyCommand } from "@aws-sdk/client-iam";
import { SNSClient } from "@aws-sdk/client-sns";
import { isSample, notifyOnly, report } from "./report.mjs";

/** Long-term IAM user access key ids (IAM user guide, "Unique identifier prefixes"). */
const LONG_TERM_KEY = /^AKIA[A-Z0-9]{16}$/;

/** `{ accessKeyId, userName? }` from an AWS Health exposed-credentials event or a GuardDuty IAMUser finding. */
export function keysOf(event) {
  const d = event?.detail ?? {};
  if (event?.source === "aws.health" && d.eventTypeCode === "AWS_RISK_CREDENTIALS_EXPOSED") {
    return (d.affectedEntities ?? [])
      .map((e) => ({ accessKeyId: e.entityValue }))
      .filter((k) => LONG_TERM_KEY.test(k.accessKeyId ?? ""));
  }
  if (event?.source === "aws.guardduty" && !isSample(event)) {
    const k = d.resource?.accessKeyDetails;
    if (k?.userType === "IAMUser" && LONG_TERM_KEY.test(k.accessKeyId ?? ""))
      return [{ accessKeyId: k.accessKeyId, userName: k.userName }];
  }
  return [];
}

export async function respond(event, { iam, sns, env }) {
  const keys = keysOf(event);
  const actions = [];
  for (const key of keys) {
    const userName = key.userName ?? (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId }))).UserName;
    const listed = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
    const found = (listed.AccessKeyMetadata ?? []).find((m) => m.AccessKeyId === key.accessKeyId);
    if (!found) {
      actions.push({ accessKeyId: key.accessKeyId, userName, action: "none", reason: "no such key on the user" });
      continue;
    }
    if (found.Status === "Inactive") {
      actions.push({ accessKeyId: key.accessKeyId, userName, action: "none", reason: "already inactive" });
      continue;
    }
    if (notifyOnly(env)) {
      actions.push({ accessKeyId: key.accessKeyId, userName, action: "would deactivate" });
      continue;
    }
    await iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: key.accessKeyId, Status: "Inactive" }));
    actions.push({ accessKeyId: key.accessKeyId, userName, action: "deactivated" });
  }
  if (keys.length > 0) {
    await report(sns, env, {
      alert: "response-exposed-access-key",
      severity: "critical",
      summary: "An IAM access key was reported exposed or abused",
      resource: keys.map((k) => k.accessKeyId).join(", "),
      actions,
    });
  }
  return { actions };
}

let deps;
export const handler = (event) => respond(event, (deps ??= { iam: new IAMClient({}), sns: new SNSClient({}), env: process.env }));
