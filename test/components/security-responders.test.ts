/**
 * The automated first responses run on sample findings (test/fixtures/security) with the real AWS
 * SDK v3 command classes and a stubbed client: each stub records the commands sent and answers
 * with canned responses, so a test sees exactly which API calls a handler makes, with which input,
 * in remediate and notify-only mode, and that a second run on the same state changes nothing.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { RESPONDER_DIR } from "../../components/security/responders";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Answer = (input: Json) => unknown;

const FIXTURES = path.join(__dirname, "../fixtures/security");
const sample = (name: string): Json => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8"));

/** An SDK client stand-in: `send(command)` records `[CommandName, input]` and answers per command. */
function stubClient(answers: Record<string, Answer> = {}) {
  const calls: [string, Json][] = [];
  return {
    calls,
    names: () => calls.map(([n]) => n),
    send: async (command: { constructor: { name: string }; input: Json }) => {
      const name = command.constructor.name;
      calls.push([name, command.input]);
      const answer = answers[name];
      if (!answer) throw new Error(`unexpected call ${name}`);
      return answer(command.input);
    },
  };
}
const ENV = {
  ALERT_TOPIC_ARN: "arn:aws:sns:eu-central-1:111122223333:alerts",
  ACCOUNT_ID: "111122223333",
  RESPONSE_MODE: "remediate",
};
const sns = () => stubClient({ PublishCommand: () => ({ MessageId: "m-1" }) });
// A variable specifier keeps tsc from resolving the untyped .mjs modules.
const load = (name: string) => import(path.join(RESPONDER_DIR, `${name}.mjs`)) as Promise<Json>;
const sdkError = (name: string) => Object.assign(new Error(name), { name });

describe("automated response: public bucket", () => {
  it("re-applies all four Block Public Access settings to the bucket an Access Analyzer finding reports public", async () => {
    const { respond, BLOCK_ALL } = await load("public-bucket");
    const s3 = stubClient({
      GetPublicAccessBlockCommand: () => {
        throw sdkError("NoSuchPublicAccessBlockConfiguration");
      },
      PutPublicAccessBlockCommand: () => ({}),
    });
    const topic = sns();
    const out = await respond(sample("access-analyzer-public-bucket"), { s3, sns: topic, env: ENV });
    assert.deepEqual(s3.names(), ["GetPublicAccessBlockCommand", "PutPublicAccessBlockCommand"]);
    assert.deepEqual(s3.calls[1][1], {
      Bucket: "b2b-commerce-prod-canary-artifacts",
      ExpectedBucketOwner: "111122223333",
      PublicAccessBlockConfiguration: BLOCK_ALL,
    });
    assert.deepEqual(BLOCK_ALL, {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    assert.equal(out.actions[0].action, "re-applied Block Public Access");
    const report = JSON.parse(topic.calls[0][1].Message);
    assert.equal(topic.calls[0][1].TopicArn, ENV.ALERT_TOPIC_ARN);
    assert.equal(report.severity, "warning");
    assert.equal(report.mode, "remediate");
  });

  it("is idempotent: a bucket already fully blocked is left alone (GuardDuty S3 finding)", async () => {
    const { respond, BLOCK_ALL } = await load("public-bucket");
    const s3 = stubClient({ GetPublicAccessBlockCommand: () => ({ PublicAccessBlockConfiguration: BLOCK_ALL }) });
    const out = await respond(sample("guardduty-s3-public"), { s3, sns: sns(), env: ENV });
    assert.deepEqual(s3.names(), ["GetPublicAccessBlockCommand"]);
    assert.equal(s3.calls[0][1].Bucket, "b2b-commerce-prod-static-assets");
    assert.equal(out.actions[0].action, "none");
  });

  it("in notify-only mode changes nothing and reports what it would do", async () => {
    const { respond } = await load("public-bucket");
    const s3 = stubClient({
      GetPublicAccessBlockCommand: () => ({ PublicAccessBlockConfiguration: { BlockPublicAcls: false } }),
    });
    const topic = sns();
    const out = await respond(sample("access-analyzer-public-bucket"), {
      s3,
      sns: topic,
      env: { ...ENV, RESPONSE_MODE: "notify-only" },
    });
    assert.deepEqual(s3.names(), ["GetPublicAccessBlockCommand"]);
    assert.match(out.actions[0].action, /^would /);
    assert.equal(JSON.parse(topic.calls[0][1].Message).mode, "notify-only");
  });

  it("ignores events that are not public-bucket findings and GuardDuty sample findings", async () => {
    const { respond } = await load("public-bucket");
    const s3 = stubClient();
    const topic = sns();
    const sampleS3 = sample("guardduty-s3-public");
    sampleS3.detail.service.additionalInfo = { sample: true };
    for (const event of [sample("guardduty-ec2-compromised"), sampleS3, sample("health-exposed-key")])
      assert.deepEqual((await respond(event, { s3, sns: topic, env: ENV })).actions, []);
    assert.deepEqual([s3.calls, topic.calls], [[], []]);
  });
});

describe("automated response: exposed access key", () => {
  const keys = (status: string) => ({
    AccessKeyMetadata: [{ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", UserName: "ci-legacy", Status: status }],
  });

  it("deactivates the key AWS Health reports exposed, finding its user first", async () => {
    const { respond } = await load("access-key");
    const iam = stubClient({
      GetAccessKeyLastUsedCommand: () => ({ UserName: "ci-legacy" }),
      ListAccessKeysCommand: () => keys("Active"),
      UpdateAccessKeyCommand: () => ({}),
    });
    const topic = sns();
    const out = await respond(sample("health-exposed-key"), { iam, sns: topic, env: ENV });
    assert.deepEqual(iam.names(), ["GetAccessKeyLastUsedCommand", "ListAccessKeysCommand", "UpdateAccessKeyCommand"]);
    assert.deepEqual(iam.calls[2][1], { UserName: "ci-legacy", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" });
    assert.equal(out.actions[0].action, "deactivated");
    assert.equal(JSON.parse(topic.calls[0][1].Message).severity, "critical");
  });

  it("uses the user named in a GuardDuty IAMUser finding and leaves an inactive key alone", async () => {
    const { respond } = await load("access-key");
    const iam = stubClient({ ListAccessKeysCommand: () => keys("Inactive") });
    const out = await respond(sample("guardduty-iamuser-malicious-ip"), { iam, sns: sns(), env: ENV });
    assert.deepEqual(iam.calls, [["ListAccessKeysCommand", { UserName: "ci-legacy" }]]);
    assert.equal(out.actions[0].reason, "already inactive");
  });

  it("in notify-only mode never calls UpdateAccessKey", async () => {
    const { respond } = await load("access-key");
    const iam = stubClient({
      GetAccessKeyLastUsedCommand: () => ({ UserName: "ci-legacy" }),
      ListAccessKeysCommand: () => keys("Active"),
    });
    const out = await respond(sample("health-exposed-key"), { iam, sns: sns(), env: { ...ENV, RESPONSE_MODE: "notify-only" } });
    assert.ok(!iam.names().includes("UpdateAccessKeyCommand"));
    assert.equal(out.actions[0].action, "would deactivate");
  });

  it("does not act on temporary (ASIA) credentials, which cannot be deactivated", async () => {
    const { respond } = await load("access-key");
    const event = sample("guardduty-iamuser-malicious-ip");
    event.detail.resource.accessKeyDetails = { accessKeyId: "ASIAEXAMPLE0000000001", userName: "x", userType: "AssumedRole" };
    const iam = stubClient();
    assert.deepEqual((await respond(event, { iam, sns: sns(), env: ENV })).actions, []);
    assert.deepEqual(iam.calls, []);
  });
});

describe("automated response: compromised EC2 node", () => {
  const env = { ...ENV, VPC_ID: "vpc-network-vpc", QUARANTINE_SECURITY_GROUP_ID: "sg-quarantine" };
  const instance = (groups: string[][], vpc = "vpc-network-vpc") => ({
    Reservations: [
      {
        Instances: [
          {
            InstanceId: "i-0a1b2c3d4e5f60718",
            VpcId: vpc,
            NetworkInterfaces: groups.map((g, i) => ({
              NetworkInterfaceId: `eni-${i}`,
              Groups: g.map((GroupId) => ({ GroupId })),
            })),
            BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeId: "vol-root" } }],
          },
        ],
      },
    ],
  });

  it("swaps every interface to the quarantine group, snapshots each volume tagged with the finding, and tags the instance", async () => {
    const { respond } = await load("isolate-node");
    const ec2 = stubClient({
      DescribeInstancesCommand: () => instance([["sg-nodes"], ["sg-nodes", "sg-pods"]]),
      ModifyNetworkInterfaceAttributeCommand: () => ({}),
      DescribeSnapshotsCommand: () => ({ Snapshots: [] }),
      CreateSnapshotCommand: () => ({ SnapshotId: "snap-1" }),
      CreateTagsCommand: () => ({}),
    });
    const topic = sns();
    await respond(sample("guardduty-ec2-compromised"), { ec2, sns: topic, env });
    assert.deepEqual(ec2.names(), [
      "DescribeInstancesCommand",
      "ModifyNetworkInterfaceAttributeCommand",
      "ModifyNetworkInterfaceAttributeCommand",
      "DescribeSnapshotsCommand",
      "CreateSnapshotCommand",
      "CreateTagsCommand",
    ]);
    assert.deepEqual(ec2.calls[0][1], { InstanceIds: ["i-0a1b2c3d4e5f60718"] });
    assert.deepEqual(ec2.calls[1][1], { NetworkInterfaceId: "eni-0", Groups: ["sg-quarantine"] });
    assert.deepEqual(ec2.calls[2][1], { NetworkInterfaceId: "eni-1", Groups: ["sg-quarantine"] });
    const snapshot = ec2.calls[4][1];
    assert.equal(snapshot.VolumeId, "vol-root");
    assert.deepEqual(snapshot.TagSpecifications[0].Tags, [
      { Key: "FindingId", Value: "7ec9d6f2a8b14e2f9d5e4c3b2a1f0e9d" },
      { Key: "InstanceId", Value: "i-0a1b2c3d4e5f60718" },
    ]);
    assert.deepEqual(ec2.calls[5][1].Tags, [{ Key: "Quarantine", Value: "7ec9d6f2a8b14e2f9d5e4c3b2a1f0e9d" }]);
    assert.equal(JSON.parse(topic.calls[0][1].Message).severity, "critical");
    assert.ok(!ec2.names().some((n) => /Stop|Terminate/.test(n)), "the instance keeps running for forensics");
  });

  it("is idempotent: an isolated instance with a snapshot for this finding is not changed again", async () => {
    const { respond } = await load("isolate-node");
    const ec2 = stubClient({
      DescribeInstancesCommand: () => instance([["sg-quarantine"]]),
      DescribeSnapshotsCommand: (input) => {
        assert.deepEqual(input.Filters, [
          { Name: "volume-id", Values: ["vol-root"] },
          { Name: "tag:FindingId", Values: ["7ec9d6f2a8b14e2f9d5e4c3b2a1f0e9d"] },
        ]);
        return { Snapshots: [{ SnapshotId: "snap-1" }] };
      },
      CreateTagsCommand: () => ({}),
    });
    const out = await respond(sample("guardduty-ec2-compromised"), { ec2, sns: sns(), env });
    assert.deepEqual(ec2.names(), ["DescribeInstancesCommand", "DescribeSnapshotsCommand", "CreateTagsCommand"]);
    assert.deepEqual(
      out.actions.map((a: Json) => a.action),
      ["none", "none"],
    );
  });

  it("in notify-only mode only describes", async () => {
    const { respond } = await load("isolate-node");
    const ec2 = stubClient({
      DescribeInstancesCommand: () => instance([["sg-nodes"]]),
      DescribeSnapshotsCommand: () => ({ Snapshots: [] }),
    });
    const out = await respond(sample("guardduty-ec2-compromised"), {
      ec2,
      sns: sns(),
      env: { ...env, RESPONSE_MODE: "notify-only" },
    });
    assert.deepEqual(ec2.names(), ["DescribeInstancesCommand", "DescribeSnapshotsCommand"]);
    assert.ok(out.actions.every((a: Json) => a.action.startsWith("would ")));
  });

  it("leaves instances outside the platform VPC and GuardDuty sample findings alone", async () => {
    const { respond } = await load("isolate-node");
    const ec2 = stubClient({ DescribeInstancesCommand: () => instance([["sg-other"]], "vpc-elsewhere") });
    const out = await respond(sample("guardduty-ec2-compromised"), { ec2, sns: sns(), env });
    assert.deepEqual(ec2.names(), ["DescribeInstancesCommand"]);
    assert.match(out.actions[0].reason, /outside the platform VPC/);
    const untouched = stubClient();
    assert.deepEqual((await respond(sample("guardduty-ec2-sample"), { ec2: untouched, sns: sns(), env })).actions, []);
    assert.deepEqual(untouched.calls, []);
  });
});
