// Automated first response: a bucket reported public gets its S3 Block Public Access re-applied.
// Idempotent: a bucket whose four settings are already on is left alone. Only buckets of this
// account are touched (ExpectedBucketOwner), whatever the finding says.
import { GetPublicAccessBlockCommand, PutPublicAccessBlockCommand, S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { isSample, notifyOnly, report } from "./report.mjs";

export const BLOCK_ALL = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

/** The buckets an event reports as public: IAM Access Analyzer or GuardDuty S3 policy findings. */
export function bucketsOf(event) {
  const d = event?.detail ?? {};
  if (event?.source === "aws.access-analyzer") {
    const arn = typeof d.resource === "string" ? d.resource : "";
    return d.resourceType === "AWS::S3::Bucket" && d.isPublic === true && d.status === "ACTIVE" && arn.includes(":::")
      ? [arn.split(":::")[1]]
      : [];
  }
  if (event?.source === "aws.guardduty" && !isSample(event)) {
    return (d.resource?.s3BucketDetails ?? []).map((b) => b.name).filter(Boolean);
  }
  return [];
}

export async function respond(event, { s3, sns, env }) {
  const buckets = bucketsOf(event);
  const actions = [];
  for (const bucket of buckets) {
    let current;
    try {
      const out = await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket, ExpectedBucketOwner: env.ACCOUNT_ID }));
      current = out.PublicAccessBlockConfiguration;
    } catch (e) {
      if (e.name !== "NoSuchPublicAccessBlockConfiguration") throw e;
    }
    if (current && Object.keys(BLOCK_ALL).every((k) => current[k] === true)) {
      actions.push({ bucket, action: "none", reason: "Block Public Access already fully on" });
      continue;
    }
    if (notifyOnly(env)) {
      actions.push({ bucket, action: "would re-apply Block Public Access" });
      continue;
    }
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        ExpectedBucketOwner: env.ACCOUNT_ID,
        PublicAccessBlockConfiguration: BLOCK_ALL,
      }),
    );
    actions.push({ bucket, action: "re-applied Block Public Access" });
  }
  if (buckets.length > 0) {
    await report(sns, env, {
      alert: "response-public-bucket",
      severity: "warning",
      summary: "A bucket was reported public",
      resource: buckets.join(", "),
      actions,
    });
  }
  return { actions };
}

let deps;
export const handler = (event) => respond(event, (deps ??= { s3: new S3Client({}), sns: new SNSClient({}), env: process.env }));
