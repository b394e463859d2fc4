/** Backup, FIS, Route 53 health checks, Lambda, SQS, API Gateway, DynamoDB, EFS and Kinesis. */
import { apigatewayDomainNameRequireTls12 } from "../policies/apigateway/domain-name-require-tls12";
import { apigatewayMethodRequireAuthorization } from "../policies/apigateway/method-require-authorization";
import { apigatewayMethodSettingsDisallowDataTrace } from "../policies/apigateway/method-settings-disallow-data-trace";
import { apigatewayMethodSettingsRequireCacheEncryption } from "../policies/apigateway/method-settings-require-cache-encryption";
import { apigatewayMethodSettingsRequireExecutionLogging } from "../policies/apigateway/method-settings-require-execution-logging";
import { apigatewayStageRequireAccessLogs } from "../policies/apigateway/stage-require-access-logs";
import { apigatewayStageRequireXrayTracing } from "../policies/apigateway/stage-require-xray-tracing";
import { apigatewayv2RouteRequireAuthorization } from "../policies/apigatewayv2/route-require-authorization";
import { apigatewayv2StageRequireAccessLogs } from "../policies/apigatewayv2/stage-require-access-logs";
import { backupPlanRequireRetention } from "../policies/backup/plan-require-retention";
import { backupVaultLockRequireComplianceMode } from "../policies/backup/vault-lock-require-compliance-mode";
import { backupVaultLockRequireMinRetention } from "../policies/backup/vault-lock-require-min-retention";
import { backupVaultRequireKms } from "../policies/backup/vault-require-kms";
import { dynamodbTableReplicaRequireKms } from "../policies/dynamodb/table-replica-require-kms";
import { dynamodbTableRequireDeletionProtection } from "../policies/dynamodb/table-require-deletion-protection";
import { dynamodbTableRequireKms } from "../policies/dynamodb/table-require-kms";
import { dynamodbTableRequirePointInTimeRecovery } from "../policies/dynamodb/table-require-point-in-time-recovery";
import { efsAccessPointRequirePosixUser } from "../policies/efs/access-point-require-posix-user";
import { efsAccessPointRequireRootDirectory } from "../policies/efs/access-point-require-root-directory";
import { efsBackupPolicyRequireEnabled } from "../policies/efs/backup-policy-require-enabled";
import { efsFileSystemRequireKms } from "../policies/efs/file-system-require-kms";
import { fisExperimentTemplateRequireLogConfiguration } from "../policies/fis/experiment-template-require-log-configuration";
import { fisExperimentTemplateRequireStopCondition } from "../policies/fis/experiment-template-require-stop-condition";
import { fisExperimentTemplateRestrictTargetSelection } from "../policies/fis/experiment-template-restrict-target-selection";
import { kinesisFirehoseDeliveryStreamRequireKms } from "../policies/kinesis/firehose-delivery-stream-require-kms";
import { kinesisStreamRequireKms } from "../policies/kinesis/stream-require-kms";
import { lambdaFunctionDisallowDeprecatedRuntime } from "../policies/lambda/function-disallow-deprecated-runtime";
import { lambdaFunctionDisallowSecretsInEnvironment } from "../policies/lambda/function-disallow-secrets-in-environment";
import { lambdaFunctionRequireMultiAz } from "../policies/lambda/function-require-multi-az";
import { lambdaFunctionUrlRequireAuth } from "../policies/lambda/function-url-require-auth";
import { lambdaPermissionDisallowPublicPrincipal } from "../policies/lambda/permission-disallow-public-principal";
import { route53HealthCheckRequireHttps } from "../policies/route53/health-check-require-https";
import { route53HealthCheckRestrictFailureThreshold } from "../policies/route53/health-check-restrict-failure-threshold";
import { sqsQueueRequireKms } from "../policies/sqs/queue-require-kms";
import { describePolicy } from "./helpers";

describe("policy-pack data-services", () => {
  describePolicy({
    policy: backupVaultRequireKms,
    type: "aws:backup/vault:Vault",
    compliant: { name: "prod", kmsKeyArn: "arn:aws:kms:eu-central-1:111122223333:key/backup" },
    violations: [{ name: "no key", change: (p) => delete p.kmsKeyArn, expect: "No kmsKeyArn" }],
  });

  describePolicy({
    policy: backupVaultLockRequireMinRetention,
    type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    compliant: { backupVaultName: "prod", minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 3 },
    alsoCompliant: [{ name: "exactly 7", change: (p) => (p.minRetentionDays = 7) }],
    violations: [
      { name: "unset", change: (p) => delete p.minRetentionDays, expect: "minRetentionDays is unset" },
      { name: "6 days", change: (p) => (p.minRetentionDays = 6), expect: "minRetentionDays is 6" },
    ],
    unknown: ["minRetentionDays"],
  });

  describePolicy({
    policy: backupVaultLockRequireComplianceMode,
    type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    compliant: { backupVaultName: "prod", minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 3 },
    violations: [
      { name: "governance mode", change: (p) => delete p.changeableForDays, expect: "governance mode" },
      { name: "below the AWS minimum", change: (p) => (p.changeableForDays = 2), expect: "changeableForDays is 2" },
    ],
    unknown: ["changeableForDays"],
  });

  describePolicy({
    policy: backupPlanRequireRetention,
    type: "aws:backup/plan:Plan",
    compliant: {
      name: "prod",
      rules: [{ ruleName: "daily", targetVaultName: "prod", schedule: "cron(0 3 * * ? *)", lifecycle: { deleteAfter: 35 } }],
    },
    violations: [
      { name: "kept forever", change: (p) => delete p.rules[0].lifecycle, expect: "no lifecycle.deleteAfter" },
      { name: "too short", change: (p) => (p.rules[0].lifecycle.deleteAfter = 3), expect: "keeps recovery points 3 days" },
    ],
    unknown: ["rules", "rules.0.lifecycle.deleteAfter"],
  });

  describePolicy({
    policy: fisExperimentTemplateRequireStopCondition,
    type: "aws:fis/experimentTemplate:ExperimentTemplate",
    compliant: {
      description: "AZ outage",
      roleArn: "arn:aws:iam::111122223333:role/fis",
      stopConditions: [{ source: "aws:cloudwatch:alarm", value: "arn:aws:cloudwatch:eu-central-1:111122223333:alarm:slo-burn" }],
      actions: [{ name: "stop", actionId: "aws:ec2:stop-instances", target: { key: "Instances", value: "nodes" } }],
      targets: [
        {
          name: "nodes",
          resourceType: "aws:ec2:instance",
          selectionMode: "PERCENT(50)",
          resourceTags: [{ key: "Environment", value: "staging" }],
        },
      ],
      logConfiguration: {
        logSchemaVersion: 2,
        cloudwatchLogsConfiguration: { logGroupArn: "arn:aws:logs:eu-central-1:111122223333:log-group:/fis:*" },
      },
    },
    violations: [
      {
        name: "source none",
        change: (p) => (p.stopConditions = [{ source: "none" }]),
        expect: "No CloudWatch alarm stop condition",
      },
      { name: "none at all", change: (p) => delete p.stopConditions, expect: "No CloudWatch alarm" },
    ],
    unknown: ["stopConditions"],
  });

  describePolicy({
    policy: fisExperimentTemplateRequireLogConfiguration,
    type: "aws:fis/experimentTemplate:ExperimentTemplate",
    compliant: {
      description: "AZ outage",
      roleArn: "arn:aws:iam::111122223333:role/fis",
      stopConditions: [{ source: "aws:cloudwatch:alarm", value: "arn:aws:cloudwatch:eu-central-1:111122223333:alarm:slo-burn" }],
      actions: [{ name: "stop", actionId: "aws:ec2:stop-instances", target: { key: "Instances", value: "nodes" } }],
      targets: [
        {
          name: "nodes",
          resourceType: "aws:ec2:instance",
          selectionMode: "PERCENT(50)",
          resourceTags: [{ key: "Environment", value: "staging" }],
        },
      ],
      logConfiguration: {
        logSchemaVersion: 2,
        cloudwatchLogsConfiguration: { logGroupArn: "arn:aws:logs:eu-central-1:111122223333:log-group:/fis:*" },
      },
    },
    alsoCompliant: [
      {
        name: "logs to S3",
        change: (p) => (p.logConfiguration = { logSchemaVersion: 2, s3Configuration: { bucketName: "fis-logs" } }),
      },
    ],
    violations: [{ name: "no logs", change: (p) => delete p.logConfiguration, expect: "No logConfiguration" }],
    unknown: ["logConfiguration"],
  });

  describePolicy({
    policy: fisExperimentTemplateRestrictTargetSelection,
    type: "aws:fis/experimentTemplate:ExperimentTemplate",
    compliant: {
      description: "AZ outage",
      roleArn: "arn:aws:iam::111122223333:role/fis",
      stopConditions: [{ source: "aws:cloudwatch:alarm", value: "arn:aws:cloudwatch:eu-central-1:111122223333:alarm:slo-burn" }],
      actions: [{ name: "stop", actionId: "aws:ec2:stop-instances", target: { key: "Instances", value: "nodes" } }],
      targets: [
        {
          name: "nodes",
          resourceType: "aws:ec2:instance",
          selectionMode: "PERCENT(50)",
          resourceTags: [{ key: "Environment", value: "staging" }],
        },
      ],
      logConfiguration: {
        logSchemaVersion: 2,
        cloudwatchLogsConfiguration: { logGroupArn: "arn:aws:logs:eu-central-1:111122223333:log-group:/fis:*" },
      },
    },
    alsoCompliant: [
      {
        name: "explicit ARNs",
        change: (p) => (
          delete p.targets[0].resourceTags,
          (p.targets[0].resourceArns = ["arn:aws:ec2:eu-central-1:111122223333:instance/i-1"])
        ),
      },
      {
        name: "pods by cluster, namespace and label",
        change: (p) => (
          delete p.targets[0].resourceTags,
          (p.targets[0].resourceType = "aws:eks:pod"),
          (p.targets[0].parameters = {
            clusterIdentifier: "b2b",
            namespace: "api",
            selectorType: "labelSelector",
            selectorValue: "app.kubernetes.io/name=api",
          })
        ),
      },
      {
        name: "a filter",
        change: (p) => (delete p.targets[0].resourceTags, (p.targets[0].filters = [{ path: "State.Name", values: ["running"] }])),
      },
    ],
    violations: [
      { name: "everything", change: (p) => delete p.targets[0].resourceTags, expect: "selects every aws:ec2:instance" },
      {
        name: "pods without a label selector",
        change: (p) => (
          delete p.targets[0].resourceTags,
          (p.targets[0].resourceType = "aws:eks:pod"),
          (p.targets[0].parameters = { clusterIdentifier: "b2b", namespace: "api" })
        ),
        expect: "selects pods without a cluster, a namespace and a label selector",
      },
      {
        name: "pods without a cluster",
        change: (p) => (
          delete p.targets[0].resourceTags,
          (p.targets[0].resourceType = "aws:eks:pod"),
          (p.targets[0].parameters = { namespace: "api", selectorValue: "app=api" })
        ),
        expect:
          "Target nodes selects pods without a cluster, a namespace and a label selector (parameters clusterIdentifier, namespace, selectorValue).",
      },
      {
        name: "pods without a namespace",
        change: (p) => (
          delete p.targets[0].resourceTags,
          (p.targets[0].resourceType = "aws:eks:pod"),
          (p.targets[0].parameters = { clusterIdentifier: "b2b", selectorValue: "app=api" })
        ),
        expect: "selects pods without a cluster",
      },
      {
        name: "pods without parameters",
        change: (p) => (delete p.targets[0].resourceTags, (p.targets[0].resourceType = "aws:eks:pod")),
        expect: "selects pods without a cluster",
      },
      {
        name: "an empty tag list",
        change: (p) => (p.targets[0].resourceTags = []),
        expect: "Target nodes selects every aws:ec2:instance in the account. Narrow it by resourceTags or resourceArns.",
      },
    ],
    unknown: ["targets", "targets.0.resourceTags", "targets", "targets.0.resourceTags", "targets.0.resourceArns"],
  });

  describePolicy({
    policy: route53HealthCheckRequireHttps,
    type: "aws:route53/healthCheck:HealthCheck",
    compliant: {
      fqdn: "api.example.com",
      port: 443,
      type: "HTTPS",
      resourcePath: "/healthz",
      failureThreshold: 3,
      requestInterval: 30,
      regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
    },
    alsoCompliant: [
      { name: "a calculated check", change: (p) => (p.type = "CALCULATED") },
      { name: "TCP", change: (p) => (p.type = "TCP") },
    ],
    violations: [
      { name: "plain HTTP", change: (p) => (p.type = "HTTP"), expect: "type is HTTP" },
      { name: "HTTP string match", change: (p) => (p.type = "HTTP_STR_MATCH"), expect: "HTTP_STR_MATCH" },
    ],
    unknown: ["type"],
  });

  describePolicy({
    policy: route53HealthCheckRestrictFailureThreshold,
    type: "aws:route53/healthCheck:HealthCheck",
    compliant: { fqdn: "api.example.com", port: 443, type: "HTTPS", failureThreshold: 3 },
    alsoCompliant: [
      { name: "default", change: (p) => delete p.failureThreshold },
      { name: "2", change: (p) => (p.failureThreshold = 2) },
      { name: "5", change: (p) => (p.failureThreshold = 5) },
    ],
    violations: [
      { name: "1", change: (p) => (p.failureThreshold = 1), expect: "failureThreshold is 1" },
      { name: "6", change: (p) => (p.failureThreshold = 6), expect: "failureThreshold is 6" },
    ],
    unknown: ["failureThreshold"],
  });

  describePolicy({
    policy: lambdaFunctionDisallowDeprecatedRuntime,
    type: "aws:lambda/function:Function",
    compliant: {
      name: "rotation",
      runtime: "nodejs22.x",
      handler: "index.handler",
      role: "arn:aws:iam::111122223333:role/fn",
      environment: {
        variables: {
          DB_HOST: "db.internal",
          DB_PASSWORD_SECRET_ARN: "arn:aws:secretsmanager:eu-central-1:111122223333:secret:db",
        },
      },
    },
    alsoCompliant: [{ name: "a container image (no runtime)", change: (p) => (delete p.runtime, (p.packageType = "Image")) }],
    violations: [
      { name: "nodejs18.x", change: (p) => (p.runtime = "nodejs18.x"), expect: "nodejs18.x is deprecated" },
      { name: "go1.x", change: (p) => (p.runtime = "go1.x"), expect: "go1.x is deprecated" },
    ],
    unknown: ["runtime"],
  });

  describePolicy({
    policy: lambdaFunctionDisallowSecretsInEnvironment,
    type: "aws:lambda/function:Function",
    compliant: {
      name: "rotation",
      runtime: "nodejs22.x",
      handler: "index.handler",
      role: "arn:aws:iam::111122223333:role/fn",
      environment: {
        variables: {
          DB_HOST: "db.internal",
          DB_PASSWORD_SECRET_ARN: "arn:aws:secretsmanager:eu-central-1:111122223333:secret:db",
        },
      },
    },
    alsoCompliant: [
      { name: "no environment", change: (p) => delete p.environment },
      {
        name: "a secret name holding a reference",
        change: (p) => (p.environment.variables.API_TOKEN = "{{resolve:secretsmanager:api}}"),
      },
      { name: "an empty password variable", change: (p) => (p.environment.variables.DB_PASSWORD = "") },
      { name: "a null password variable", change: (p) => (p.environment.variables.DB_PASSWORD = null) },
      {
        name: "an SSM parameter ARN",
        change: (p) => (p.environment.variables.API_KEY = "arn:aws:ssm:eu-central-1:111122223333:parameter/api-key"),
      },
      { name: "a template reference", change: (p) => (p.environment.variables.API_KEY = "${API_KEY}") },
    ],
    violations: [
      {
        name: "an access key id",
        change: (p) => (p.environment.variables.AWS_KEY = "AKIAABCDEFGHIJKLMNOP"),
        expect: "holds an AWS access key id",
      },
      {
        name: "a literal password",
        change: (p) => (p.environment.variables.DB_PASSWORD = "hunter2"),
        expect: "DB_PASSWORD holds a literal value",
      },
      {
        name: "a private key",
        change: (p) => (p.environment.variables.TLS = "-----BEGIN PRIVATE KEY-----\\nabc"),
        expect: "holds a private key",
      },
      {
        name: "a numeric PIN",
        change: (p) => (p.environment.variables.SERVICE_PASSWD = 1234),
        expect: "SERVICE_PASSWD holds a literal value",
      },
      {
        name: "a GitHub token",
        change: (p) => (p.environment.variables.GH = `ghp_${"a".repeat(36)}`),
        expect: "holds a GitHub token",
      },
      {
        name: "a Slack token",
        change: (p) => (p.environment.variables.HOOK = "xoxb-1234567890-abc"),
        expect: "holds a Slack token",
      },
      {
        name: "a literal credential",
        change: (p) => (p.environment.variables.SMTP_CREDENTIALS = "user:pass"),
        expect: "SMTP_CREDENTIALS holds a literal value",
      },
    ],
    unknown: ["environment.variables"],
  });

  describePolicy({
    policy: lambdaFunctionRequireMultiAz,
    type: "aws:lambda/function:Function",
    compliant: {
      name: "rotation",
      runtime: "nodejs22.x",
      handler: "index.handler",
      role: "arn:aws:iam::111122223333:role/fn",
      environment: {
        variables: {
          DB_HOST: "db.internal",
          DB_PASSWORD_SECRET_ARN: "arn:aws:secretsmanager:eu-central-1:111122223333:secret:db",
        },
      },
      vpcConfig: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-1"] },
    },
    alsoCompliant: [{ name: "not in a VPC", change: (p) => delete p.vpcConfig }],
    violations: [{ name: "one subnet", change: (p) => (p.vpcConfig.subnetIds = ["subnet-a"]), expect: "names one subnet" }],
    unknown: ["vpcConfig.subnetIds"],
  });

  describePolicy({
    policy: lambdaFunctionUrlRequireAuth,
    type: "aws:lambda/functionUrl:FunctionUrl",
    compliant: { functionName: "hook", authorizationType: "AWS_IAM" },
    violations: [{ name: "public", change: (p) => (p.authorizationType = "NONE"), expect: "authorizationType is NONE" }],
    unknown: ["authorizationType"],
  });

  describePolicy({
    policy: lambdaPermissionDisallowPublicPrincipal,
    type: "aws:lambda/permission:Permission",
    compliant: {
      action: "lambda:InvokeFunction",
      function: "rotation",
      principal: "secretsmanager.amazonaws.com",
      sourceAccount: "111122223333",
    },
    alsoCompliant: [
      { name: "an account principal", change: (p) => ((p.principal = "111122223333"), delete p.sourceAccount) },
      {
        name: "a source ARN",
        change: (p) => (delete p.sourceAccount, (p.sourceArn = "arn:aws:events:eu-central-1:111122223333:rule/r")),
      },
    ],
    violations: [
      { name: "anyone", change: (p) => (p.principal = "*"), expect: 'principal is "*"' },
      { name: "unbound service", change: (p) => delete p.sourceAccount, expect: "without sourceArn or sourceAccount" },
    ],
    unknown: ["principal"],
  });

  describePolicy({
    policy: sqsQueueRequireKms,
    type: "aws:sqs/queue:Queue",
    compliant: {
      name: "orders",
      kmsMasterKeyId: "arn:aws:kms:eu-central-1:111122223333:key/q",
      kmsDataKeyReusePeriodSeconds: 300,
    },
    violations: [
      { name: "no key", change: (p) => delete p.kmsMasterKeyId, expect: "No customer-managed kmsMasterKeyId" },
      { name: "the AWS managed key", change: (p) => (p.kmsMasterKeyId = "alias/aws/sqs"), expect: "No customer-managed" },
      {
        name: "SQS-managed SSE",
        change: (p) => (delete p.kmsMasterKeyId, (p.sqsManagedSseEnabled = true)),
        expect: "sqsManagedSseEnabled only",
      },
    ],
    otherType: "aws:sns/topic:Topic",
  });

  describePolicy({
    policy: apigatewayStageRequireAccessLogs,
    type: "aws:apigateway/stage:Stage",
    compliant: {
      restApi: "api",
      deployment: "d1",
      stageName: "prod",
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: "arn:aws:logs:eu-central-1:111122223333:log-group:api", format: "$context.requestId" },
    },
    violations: [{ name: "no access logs", change: (p) => delete p.accessLogSettings, expect: "No accessLogSettings" }],
    unknown: ["accessLogSettings"],
  });

  describePolicy({
    policy: apigatewayStageRequireXrayTracing,
    type: "aws:apigateway/stage:Stage",
    compliant: {
      restApi: "api",
      deployment: "d1",
      stageName: "prod",
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: "arn:aws:logs:eu-central-1:111122223333:log-group:api", format: "$context.requestId" },
    },
    violations: [{ name: "off", change: (p) => delete p.xrayTracingEnabled, expect: "xrayTracingEnabled is off" }],
    unknown: ["xrayTracingEnabled"],
  });

  describePolicy({
    policy: apigatewayMethodSettingsRequireExecutionLogging,
    type: "aws:apigateway/methodSettings:MethodSettings",
    compliant: {
      restApi: "api",
      stageName: "prod",
      methodPath: "*/*",
      settings: { loggingLevel: "ERROR", dataTraceEnabled: false, metricsEnabled: true, cachingEnabled: false },
    },
    alsoCompliant: [{ name: "INFO", change: (p) => (p.settings.loggingLevel = "INFO") }],
    violations: [
      { name: "OFF", change: (p) => (p.settings.loggingLevel = "OFF"), expect: "loggingLevel is OFF" },
      { name: "unset", change: (p) => delete p.settings.loggingLevel, expect: "unset (OFF)" },
    ],
    unknown: ["settings", "settings.loggingLevel"],
  });

  describePolicy({
    policy: apigatewayMethodSettingsDisallowDataTrace,
    type: "aws:apigateway/methodSettings:MethodSettings",
    compliant: {
      restApi: "api",
      stageName: "prod",
      methodPath: "*/*",
      settings: { loggingLevel: "ERROR", dataTraceEnabled: false, metricsEnabled: true, cachingEnabled: false },
    },
    violations: [{ name: "data trace", change: (p) => (p.settings.dataTraceEnabled = true), expect: "dataTraceEnabled is true" }],
    unknown: ["settings.dataTraceEnabled"],
  });

  describePolicy({
    policy: apigatewayMethodSettingsRequireCacheEncryption,
    type: "aws:apigateway/methodSettings:MethodSettings",
    compliant: {
      restApi: "api",
      stageName: "prod",
      methodPath: "*/*",
      settings: {
        loggingLevel: "ERROR",
        dataTraceEnabled: false,
        metricsEnabled: true,
        cachingEnabled: true,
        cacheDataEncrypted: true,
      },
    },
    alsoCompliant: [
      { name: "no caching", change: (p) => ((p.settings.cachingEnabled = false), delete p.settings.cacheDataEncrypted) },
    ],
    violations: [
      { name: "plain cache", change: (p) => (p.settings.cacheDataEncrypted = false), expect: "cacheDataEncrypted off" },
    ],
    unknown: ["settings.cachingEnabled", "settings.cacheDataEncrypted"],
  });

  describePolicy({
    policy: apigatewayMethodRequireAuthorization,
    type: "aws:apigateway/method:Method",
    compliant: { restApi: "api", resourceId: "orders", httpMethod: "POST", authorization: "AWS_IAM" },
    alsoCompliant: [
      { name: "CORS preflight", change: (p) => ((p.httpMethod = "OPTIONS"), (p.authorization = "NONE")) },
      { name: "an API key", change: (p) => ((p.authorization = "NONE"), (p.apiKeyRequired = true)) },
    ],
    violations: [{ name: "open", change: (p) => (p.authorization = "NONE"), expect: "has authorization NONE" }],
    unknown: ["httpMethod", "authorization"],
  });

  describePolicy({
    policy: apigatewayDomainNameRequireTls12,
    type: "aws:apigateway/domainName:DomainName",
    compliant: {
      domainName: "api.example.com",
      securityPolicy: "TLS_1_2",
      regionalCertificateArn: "arn:aws:acm:eu-central-1:111122223333:certificate/c",
    },
    alsoCompliant: [{ name: "a TLS 1.3 policy", change: (p) => (p.securityPolicy = "SecurityPolicy_TLS13_1_3_2025_09") }],
    violations: [
      { name: "TLS 1.0", change: (p) => (p.securityPolicy = "TLS_1_0"), expect: "securityPolicy is TLS_1_0" },
      { name: "default", change: (p) => delete p.securityPolicy, expect: "unset (TLS_1_0)" },
    ],
    unknown: ["securityPolicy"],
  });

  describePolicy({
    policy: apigatewayv2RouteRequireAuthorization,
    type: "aws:apigatewayv2/route:Route",
    compliant: { apiId: "api", routeKey: "POST /orders", authorizationType: "JWT", authorizerId: "a1" },
    alsoCompliant: [{ name: "CORS preflight", change: (p) => ((p.routeKey = "OPTIONS /orders"), delete p.authorizationType) }],
    violations: [
      { name: "none", change: (p) => (p.authorizationType = "NONE"), expect: "authorizationType NONE" },
      { name: "unset", change: (p) => delete p.authorizationType, expect: "unset (NONE)" },
    ],
    unknown: ["routeKey", "authorizationType"],
  });

  describePolicy({
    policy: apigatewayv2StageRequireAccessLogs,
    type: "aws:apigatewayv2/stage:Stage",
    compliant: {
      apiId: "api",
      name: "$default",
      autoDeploy: true,
      accessLogSettings: { destinationArn: "arn:aws:logs:eu-central-1:111122223333:log-group:api", format: "$context.requestId" },
    },
    violations: [{ name: "none", change: (p) => delete p.accessLogSettings, expect: "No accessLogSettings" }],
    unknown: ["accessLogSettings"],
  });

  describePolicy({
    policy: dynamodbTableRequirePointInTimeRecovery,
    type: "aws:dynamodb/table:Table",
    compliant: {
      name: "carts",
      billingMode: "PAY_PER_REQUEST",
      hashKey: "id",
      attributes: [{ name: "id", type: "S" }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:eu-central-1:111122223333:key/ddb" },
      deletionProtectionEnabled: true,
    },
    violations: [{ name: "off", change: (p) => delete p.pointInTimeRecovery, expect: "pointInTimeRecovery is off" }],
    unknown: ["pointInTimeRecovery", "pointInTimeRecovery.enabled"],
  });

  describePolicy({
    policy: dynamodbTableRequireKms,
    type: "aws:dynamodb/table:Table",
    compliant: {
      name: "carts",
      billingMode: "PAY_PER_REQUEST",
      hashKey: "id",
      attributes: [{ name: "id", type: "S" }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:eu-central-1:111122223333:key/ddb" },
      deletionProtectionEnabled: true,
    },
    violations: [
      { name: "owned key", change: (p) => delete p.serverSideEncryption, expect: "serverSideEncryption is off" },
      { name: "managed key", change: (p) => delete p.serverSideEncryption.kmsKeyArn, expect: "no kmsKeyArn" },
    ],
    unknown: ["serverSideEncryption.enabled"],
  });

  describePolicy({
    policy: dynamodbTableRequireDeletionProtection,
    type: "aws:dynamodb/table:Table",
    compliant: {
      name: "carts",
      billingMode: "PAY_PER_REQUEST",
      hashKey: "id",
      attributes: [{ name: "id", type: "S" }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:eu-central-1:111122223333:key/ddb" },
      deletionProtectionEnabled: true,
    },
    violations: [{ name: "off", change: (p) => delete p.deletionProtectionEnabled, expect: "deletionProtectionEnabled is off" }],
    unknown: ["deletionProtectionEnabled"],
  });

  describePolicy({
    policy: dynamodbTableReplicaRequireKms,
    type: "aws:dynamodb/tableReplica:TableReplica",
    compliant: {
      globalTableArn: "arn:aws:dynamodb:eu-central-1:111122223333:table/carts",
      kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/ddb",
      pointInTimeRecovery: true,
    },
    violations: [{ name: "none", change: (p) => delete p.kmsKeyArn, expect: "No kmsKeyArn" }],
  });

  describePolicy({
    policy: efsFileSystemRequireKms,
    type: "aws:efs/fileSystem:FileSystem",
    compliant: { encrypted: true, kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/efs", performanceMode: "generalPurpose" },
    violations: [
      { name: "unencrypted", change: (p) => (p.encrypted = false), expect: "encrypted is off" },
      { name: "managed key", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" },
    ],
    unknown: ["encrypted"],
  });

  describePolicy({
    policy: efsAccessPointRequireRootDirectory,
    type: "aws:efs/accessPoint:AccessPoint",
    compliant: {
      fileSystemId: "fs-1",
      posixUser: { uid: 1000, gid: 1000 },
      rootDirectory: { path: "/shop", creationInfo: { ownerUid: 1000, ownerGid: 1000, permissions: "750" } },
    },
    violations: [
      { name: "the root", change: (p) => (p.rootDirectory.path = "/"), expect: "rootDirectory.path is /" },
      { name: "unset", change: (p) => delete p.rootDirectory, expect: "unset (/)" },
    ],
    unknown: ["rootDirectory", "rootDirectory.path"],
  });

  describePolicy({
    policy: efsAccessPointRequirePosixUser,
    type: "aws:efs/accessPoint:AccessPoint",
    compliant: {
      fileSystemId: "fs-1",
      posixUser: { uid: 1000, gid: 1000 },
      rootDirectory: { path: "/shop", creationInfo: { ownerUid: 1000, ownerGid: 1000, permissions: "750" } },
    },
    violations: [
      { name: "none", change: (p) => delete p.posixUser, expect: "No posixUser" },
      { name: "root", change: (p) => (p.posixUser.uid = 0), expect: "posixUser.uid is 0" },
    ],
    unknown: ["posixUser", "posixUser.uid"],
  });

  describePolicy({
    policy: efsBackupPolicyRequireEnabled,
    type: "aws:efs/backupPolicy:BackupPolicy",
    compliant: { fileSystemId: "fs-1", backupPolicy: { status: "ENABLED" } },
    violations: [{ name: "disabled", change: (p) => (p.backupPolicy.status = "DISABLED"), expect: "status is DISABLED" }],
    unknown: ["backupPolicy.status"],
  });

  describePolicy({
    policy: kinesisStreamRequireKms,
    type: "aws:kinesis/stream:Stream",
    compliant: {
      name: "events",
      encryptionType: "KMS",
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/k",
      streamModeDetails: { streamMode: "ON_DEMAND" },
    },
    violations: [
      { name: "none", change: (p) => delete p.encryptionType, expect: "unset (NONE)" },
      { name: "managed key", change: (p) => (p.kmsKeyId = "alias/aws/kinesis"), expect: "No customer-managed kmsKeyId" },
    ],
    unknown: ["encryptionType", "kmsKeyId"],
  });

  describePolicy({
    policy: kinesisFirehoseDeliveryStreamRequireKms,
    type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    compliant: {
      name: "logs",
      destination: "extended_s3",
      extendedS3Configuration: {
        bucketArn: "arn:aws:s3:::logs",
        roleArn: "arn:aws:iam::111122223333:role/f",
        kmsKeyArn: "arn:aws:kms:eu-central-1:111122223333:key/l",
      },
      serverSideEncryption: {
        enabled: true,
        keyType: "CUSTOMER_MANAGED_CMK",
        keyArn: "arn:aws:kms:eu-central-1:111122223333:key/l",
      },
    },
    alsoCompliant: [
      {
        name: "a Kinesis stream source",
        change: (p) => (
          delete p.serverSideEncryption,
          (p.kinesisSourceConfiguration = {
            kinesisStreamArn: "arn:aws:kinesis:eu-central-1:111122223333:stream/s",
            roleArn: "r",
          })
        ),
      },
    ],
    violations: [
      { name: "off", change: (p) => delete p.serverSideEncryption, expect: "serverSideEncryption is off" },
      {
        name: "AWS owned key",
        change: (p) => (p.serverSideEncryption.keyType = "AWS_OWNED_CMK"),
        expect: "keyType is AWS_OWNED_CMK",
      },
    ],
    unknown: ["serverSideEncryption.enabled", "serverSideEncryption.keyType"],
  });
});
