import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, serviceTrustPolicy } from "../../lib/iam";
import { customerManagedKey, logsKeyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { alarm, AlarmContext } from "./alarms";
import { irsaRole } from "./iam";
import { secureBucket } from "../../lib/secure-bucket";
import { dataKey } from "./storage";
import { AWS_FOR_FLUENT_BIT } from "./versions";

export const FLUENT_BIT_SERVICE_ACCOUNT = "fluent-bit";
/**
 * CloudWatch namespace of the log-derived metrics. One metric per log group (`LogEvents-<ns>`,
 * `ErrorLogEvents-<ns>`): filters with dimensions need a JSON pattern, and "every event" has none.
 */
export const LOG_METRICS_NAMESPACE = "B2B/ContainerLogs";

/**
 * Log events that count as errors: structured JSON logs whose `level` is error or fatal. Fluent
 * Bit's kubernetes filter merges the JSON line under `data` (chart default `mergeLogKey: data`).
 */
export const ERROR_LOG_PATTERN =
  '{ ($.data.level = "error") || ($.data.level = "ERROR") || ($.data.level = "fatal") || ($.data.level = "FATAL") }';

export interface LogsArgs {
  naming: Naming;
  region: string;
  /** Kubernetes namespaces whose container logs are shipped, one log group each. */
  namespaces: string[];
  retentionDays: number;
  k8sNamespace: pulumi.Input<string>;
  k8sNamespaceName: string;
  oidcProviderArn: pulumi.Input<string>;
  oidcIssuer: pulumi.Input<string>;
  provider: k8s.Provider;
  alarms: AlarmContext;
  /** Error-log share (percent of a namespace's log events over 5 minutes) that raises a warning. */
  errorRatePercent: number;
  archive?: { glacierAfterDays: number; expireAfterDays: number };
  protect: boolean;
}

/** The log group path of a namespace's containers: `/<project>/<stack>/containers-<namespace>`. */
export function containerLogGroupPrefix(naming: Naming): string {
  return `${naming.logGroup("containers")}-`;
}

/**
 * Container logs: one KMS-encrypted log group per namespace (created here, before Fluent Bit, which
 * may not create groups), the aws-for-fluent-bit DaemonSet whose role may only write those groups,
 * error-rate metric filters with alarms, and in prod the archive to S3 through Firehose.
 */
export function createLogs(parent: pulumi.Resource, args: LogsArgs) {
  const { naming } = args;
  const opts = { parent };
  const stateful = { parent, protect: args.protect };
  const identity = aws.getCallerIdentityOutput({}, opts);
  const region = aws.getRegionOutput({}, opts);
  for (const ns of args.namespaces) {
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(ns)) throw new Error(`observability: "${ns}" is not a Kubernetes namespace name`);
  }

  const key = customerManagedKey(parent, "container-logs-key", {
    naming,
    aliasStem: "container-logs",
    description: "container logs",
    policy: logsKeyPolicy(identity.accountId, identity.arn, region.region),
    tags: { Name: naming.physical("container-logs"), DataClassification: "confidential" },
    protect: args.protect,
  });

  const prefix = containerLogGroupPrefix(naming);
  const groups: Record<string, aws.cloudwatch.LogGroup> = {};
  for (const ns of args.namespaces) {
    groups[ns] = new aws.cloudwatch.LogGroup(
      `container-logs-${ns}`,
      {
        name: `${prefix}${ns}`,
        retentionInDays: args.retentionDays,
        kmsKeyId: key.arn,
        tags: { Name: `${prefix}${ns}`, DataClassification: "confidential" },
      },
      stateful,
    );
  }
  const groupArns = Object.values(groups).flatMap((g) => [g.arn, pulumi.interpolate`${g.arn}:*`]);

  const role = irsaRole(parent, {
    naming,
    name: "fluent-bit",
    oidcProviderArn: args.oidcProviderArn,
    oidcIssuer: args.oidcIssuer,
    namespace: args.k8sNamespaceName,
    serviceAccount: FLUENT_BIT_SERVICE_ACCOUNT,
    statements: [
      {
        Sid: "WriteTheContainerLogGroupsOnly",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: groupArns,
      },
    ],
  });

  const release = new k8s.helm.v3.Release(
    "aws-for-fluent-bit",
    {
      name: "aws-for-fluent-bit",
      namespace: args.k8sNamespace,
      chart: AWS_FOR_FLUENT_BIT.chart,
      version: AWS_FOR_FLUENT_BIT.version,
      repositoryOpts: { repo: AWS_FOR_FLUENT_BIT.repo },
      values: fluentBitValues({ region: args.region, prefix, namespaces: args.namespaces, roleArn: role.arn }),
      atomic: true,
    },
    { parent, provider: args.provider, dependsOn: Object.values(groups) },
  );

  const alarms = Object.entries(groups).map(([ns, group]) => {
    new aws.cloudwatch.LogMetricFilter(
      `log-events-${ns}`,
      {
        logGroupName: group.name,
        name: "log-events",
        pattern: "",
        metricTransformation: {
          namespace: LOG_METRICS_NAMESPACE,
          name: `LogEvents-${ns}`,
          value: "1",
        },
      },
      opts,
    );
    new aws.cloudwatch.LogMetricFilter(
      `error-log-events-${ns}`,
      {
        logGroupName: group.name,
        name: "error-log-events",
        pattern: ERROR_LOG_PATTERN,
        metricTransformation: {
          namespace: LOG_METRICS_NAMESPACE,
          name: `ErrorLogEvents-${ns}`,
          value: "1",
        },
      },
      opts,
    );
    return alarm(args.alarms, `log-error-rate-${ns}`, {
      severity: "warning",
      runbook: "log-error-rate",
      alarmDescription: `More than ${args.errorRatePercent}% of the log events of namespace ${ns} are errors (2 of 3 five-minute periods, at least 100 events).`,
      comparisonOperator: "GreaterThanThreshold",
      threshold: args.errorRatePercent,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: "notBreaching",
      metricQueries: [
        {
          id: "errors",
          returnData: false,
          metric: { namespace: LOG_METRICS_NAMESPACE, metricName: `ErrorLogEvents-${ns}`, period: 300, stat: "Sum" },
        },
        {
          id: "events",
          returnData: false,
          metric: { namespace: LOG_METRICS_NAMESPACE, metricName: `LogEvents-${ns}`, period: 300, stat: "Sum" },
        },
        {
          id: "rate",
          expression: "IF(events >= 100, 100 * FILL(errors, 0) / events, 0)",
          label: "Error log %",
          returnData: true,
        },
      ],
    });
  });

  const archive = args.archive ? createArchive(parent, args, groups, args.archive) : undefined;
  return { key, groups, role, release, alarms, archive };
}

interface FluentBitValuesArgs {
  region: string;
  prefix: string;
  namespaces: string[];
  roleArn: pulumi.Input<string>;
}

/** aws-for-fluent-bit values: the new `cloudwatch_logs` output, groups by namespace, no group creation. */
export function fluentBitValues(a: FluentBitValuesArgs) {
  return {
    serviceAccount: { create: true, name: FLUENT_BIT_SERVICE_ACCOUNT, annotations: { "eks.amazonaws.com/role-arn": a.roleArn } },
    // Only the shipped namespaces' files: every record then has a log group that exists.
    input: { path: a.namespaces.map((ns) => `/var/log/containers/*_${ns}_*.log`).join(",") },
    cloudWatch: { enabled: false },
    cloudWatchLogs: {
      enabled: true,
      // The chart defaults to us-east-1 (NOTES.md): always set it.
      region: a.region,
      logGroupName: `${a.prefix}${a.namespaces[0]}`,
      logGroupTemplate: `${a.prefix}$kubernetes['namespace_name']`,
      // The plugin needs a stream name or prefix; the template names streams per pod and container.
      logStreamPrefix: "fluentbit-",
      logStreamTemplate: "$kubernetes['pod_name'].$kubernetes['container_name']",
      // The groups exist (retention, KMS key, tags); the role may not create groups. (The chart
      // omits `auto_create_group` when false; the plugin's default is off.)
      autoCreateGroup: false,
    },
    firehose: { enabled: false },
    kinesis: { enabled: false },
    elasticsearch: { enabled: false },
    resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
    priorityClassName: "system-node-critical",
    tolerations: [{ operator: "Exists" }],
    // Reads the node's root-owned container log files and keeps its position database under the
    // host's /var/log: it must run as root (documented exception), but with nothing else: read-only
    // root filesystem, no privilege escalation, every capability dropped.
    podSecurityContext: { seccompProfile: { type: "RuntimeDefault" } },
    containerSecurityContext: {
      runAsUser: 0,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    },
    readinessProbe: { httpGet: { path: "/api/v1/health", port: 2020 }, initialDelaySeconds: 10 },
  };
}

/** Prod: every container log group is subscribed to a Firehose stream that writes to an S3 archive. */
function createArchive(
  parent: pulumi.Resource,
  args: LogsArgs,
  groups: Record<string, aws.cloudwatch.LogGroup>,
  lifecycle: { glacierAfterDays: number; expireAfterDays: number },
) {
  const { naming } = args;
  const opts = { parent };
  const identity = aws.getCallerIdentityOutput({}, opts);
  const key = dataKey(parent, naming, "log-archive", "container log archive (S3, Firehose)", "confidential", args.protect);
  const { bucket } = secureBucket(parent, "log-archive", {
    bucketName: naming.bucket("log-archive", identity.accountId, args.region),
    noncurrentExpireAfterDays: 30,
    kmsKeyArn: key.arn,
    dataClassification: "confidential",
    glacierAfterDays: lifecycle.glacierAfterDays,
    expireAfterDays: lifecycle.expireAfterDays,
    protect: args.protect,
  });

  const firehoseRole = new aws.iam.Role(
    "log-archive-firehose-role",
    {
      name: naming.physical("log-archive-firehose", "iamRole"),
      assumeRolePolicy: serviceTrustPolicy("firehose.amazonaws.com", { accountId: identity.accountId }),
    },
    opts,
  );
  const firehoseWrite = new aws.iam.RolePolicy(
    "log-archive-firehose-write",
    {
      role: firehoseRole.name,
      policy: policyDocument([
        {
          Sid: "WriteTheArchiveBucketOnly",
          Effect: "Allow",
          Action: [
            "s3:AbortMultipartUpload",
            "s3:GetBucketLocation",
            "s3:GetObject",
            "s3:ListBucket",
            "s3:ListBucketMultipartUploads",
            "s3:PutObject",
          ],
          Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
        },
        { Sid: "EncryptWithTheArchiveKey", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: key.arn },
      ]),
    },
    opts,
  );
  const stream = new aws.kinesis.FirehoseDeliveryStream(
    "log-archive",
    {
      name: naming.physical("log-archive"),
      destination: "extended_s3",
      serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: key.arn },
      extendedS3Configuration: {
        roleArn: firehoseRole.arn,
        bucketArn: bucket.arn,
        prefix: "container-logs/!{timestamp:yyyy/MM/dd}/",
        errorOutputPrefix: "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/",
        bufferingInterval: 300,
        bufferingSize: 64,
        // CloudWatch Logs delivers gzip-compressed batches already.
        compressionFormat: "UNCOMPRESSED",
        kmsKeyArn: key.arn,
      },
      tags: { Name: naming.physical("log-archive") },
    },
    { parent, dependsOn: [firehoseWrite] },
  );

  const logsRole = new aws.iam.Role(
    "log-archive-subscription-role",
    {
      name: naming.physical("log-archive-subscription", "iamRole"),
      assumeRolePolicy: serviceTrustPolicy("logs.amazonaws.com", { accountId: identity.accountId, region: args.region }),
    },
    opts,
  );
  const logsPut = new aws.iam.RolePolicy(
    "log-archive-subscription-put",
    {
      role: logsRole.name,
      policy: policyDocument([
        {
          Sid: "PutIntoTheArchiveStreamOnly",
          Effect: "Allow",
          Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
          Resource: stream.arn,
        },
      ]),
    },
    opts,
  );
  for (const [ns, group] of Object.entries(groups)) {
    new aws.cloudwatch.LogSubscriptionFilter(
      `log-archive-${ns}`,
      { name: "archive-to-s3", logGroup: group.name, filterPattern: "", destinationArn: stream.arn, roleArn: logsRole.arn },
      { parent, dependsOn: [logsPut] },
    );
  }
  return { key, bucket, stream, firehoseRole, logsRole };
}
