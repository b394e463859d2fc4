import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, serviceTrustPolicy } from "../../lib/iam";
import { Naming } from "../../lib/naming";
import { alarm, AlarmContext } from "./alarms";
import { secureBucket } from "../../lib/secure-bucket";
import { dataKey } from "./storage";
import { SYNTHETICS_RUNTIME } from "./versions";

export interface CanaryArgs {
  naming: Naming;
  region: string;
  /** The public API health URL, e.g. `https://api.shop.example.com/healthz`. */
  healthUrl: pulumi.Input<string>;
  alarms: AlarmContext;
  protect: boolean;
}

/**
 * The canary script: one HTTPS GET of the health URL that must answer 200. The Synthetics library
 * is `@aws/synthetics-puppeteer` from runtime syn-nodejs-puppeteer-13.1 on (CloudWatch user guide).
 */
export const CANARY_SCRIPT = `const synthetics = require("@aws/synthetics-puppeteer");

exports.handler = async () => {
  const url = new URL(process.env.HEALTH_URL);
  return synthetics.executeHttpStep(
    "api-health",
    { hostname: url.hostname, path: url.pathname + url.search, port: 443, protocol: "https:", method: "GET",
      headers: { "User-Agent": synthetics.getCanaryUserAgentString() } },
    async (res) => {
      if (res.statusCode !== 200) throw new Error("health check answered " + res.statusCode);
    },
  );
};
`;

/**
 * A CloudWatch Synthetics canary against the public API health URL every 5 minutes, alarmed when
 * fewer than 90% of runs succeed. Chosen over a Route 53 health check because Route 53 health-check
 * metrics exist only in us-east-1, and an alarm can notify only a topic of its own region: the
 * canary keeps the alarm on the stack's one topic.
 */
export function createCanary(parent: pulumi.Resource, args: CanaryArgs) {
  const { naming } = args;
  const opts = { parent };
  const identity = aws.getCallerIdentityOutput({}, opts);
  const key = dataKey(parent, naming, "canary-artifacts", "canary artifacts", "internal", args.protect);
  const { bucket } = secureBucket(parent, "canary-artifacts", {
    bucketName: naming.bucket("canary-artifacts", identity.accountId, args.region),
    noncurrentExpireAfterDays: 30,
    kmsKeyArn: key.arn,
    dataClassification: "internal",
    expireAfterDays: 30,
    protect: args.protect,
  });
  const code = new aws.s3.BucketObjectv2(
    "canary-code",
    {
      bucket: bucket.id,
      key: "code/api-health.zip",
      source: new pulumi.asset.AssetArchive({ "nodejs/node_modules/apiHealth.js": new pulumi.asset.StringAsset(CANARY_SCRIPT) }),
      serverSideEncryption: "aws:kms",
      kmsKeyId: key.arn,
    },
    opts,
  );

  const name = naming.physical("api", "canary");
  const role = new aws.iam.Role(
    "canary-role",
    {
      name: naming.physical("canary-api-health", "iamRole"),
      assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", { accountId: identity.accountId }),
    },
    opts,
  );
  const region = args.region;
  new aws.iam.RolePolicy(
    "canary-policy",
    {
      role: role.name,
      policy: policyDocument([
        {
          Sid: "ReadCodeWriteArtifacts",
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:PutObject"],
          Resource: pulumi.interpolate`${bucket.arn}/*`,
        },
        { Sid: "LocateTheBucket", Effect: "Allow", Action: "s3:GetBucketLocation", Resource: bucket.arn },
        // Read-only listing the Synthetics runtime performs; ListAllMyBuckets has no resource scoping.
        { Sid: "ListBuckets", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
        { Sid: "UseTheArtifactKey", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: key.arn },
        {
          Sid: "OwnLambdaLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: pulumi.interpolate`arn:aws:logs:${region}:${identity.accountId}:log-group:/aws/lambda/cwsyn-${name}-*`,
        },
        {
          // PutMetricData supports no resource-level scoping; the condition limits it to the
          // Synthetics namespace.
          Sid: "SyntheticsMetricsOnly",
          Effect: "Allow",
          Action: "cloudwatch:PutMetricData",
          Resource: "*",
          Condition: { StringEquals: { "cloudwatch:namespace": "CloudWatchSynthetics" } },
        },
      ]),
    },
    opts,
  );
  const canary = new aws.synthetics.Canary(
    "api-health",
    {
      name,
      runtimeVersion: SYNTHETICS_RUNTIME,
      handler: "apiHealth.handler",
      s3Bucket: bucket.id,
      s3Key: code.key,
      s3Version: code.versionId,
      executionRoleArn: role.arn,
      artifactS3Location: pulumi.interpolate`s3://${bucket.id}/artifacts/`,
      artifactConfig: { s3Encryption: { encryptionMode: "SSE_KMS", kmsKeyArn: key.arn } },
      schedule: { expression: "rate(5 minutes)" },
      runConfig: { timeoutInSeconds: 60, environmentVariables: { HEALTH_URL: args.healthUrl } },
      successRetentionPeriod: 7,
      failureRetentionPeriod: 30,
      startCanary: true,
      deleteLambda: true,
      tags: { Name: name },
    },
    opts,
  );
  const canaryAlarm = alarm(args.alarms, "api-health-canary", {
    severity: "critical",
    alarmDescription: "The public API health check fails (under 90% successful canary runs in 2 of 3 five-minute periods).",
    namespace: "CloudWatchSynthetics",
    metricName: "SuccessPercent",
    dimensions: { CanaryName: canary.name },
    statistic: "Average",
    period: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    threshold: 90,
    comparisonOperator: "LessThanThreshold",
    // A canary that stopped running is a failed health check too.
    treatMissingData: "breaching",
  });
  return { canary, alarm: canaryAlarm, bucket, key, role };
}
