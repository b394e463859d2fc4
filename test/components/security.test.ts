import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as yaml from "js-yaml";
import { ConfigError, loadConfig } from "../../infra/config";
import { GUARDDUTY_FEATURES } from "../../components/security/detection";
import { findingRoutes, GUARDDUTY_SEVERITIES, runbookPage, SECURITY_HUB_SEVERITIES } from "../../components/security/findings";
import { PASSWORD_POLICY } from "../../components/security/identity";
import { CONFORMANCE_PACK_FILE, TEMPLATE_BODY_LIMIT } from "../../components/security/posture";
import { RESPONDERS } from "../../components/security/responders";
import { ORGANIZATION_OWNED_SERVICES } from "../../components/security/types";
import { ofType, projectName, readStackConfig, RegisteredResource, StackRun } from "../../tools/harness";
import { MOCK_ACCOUNT_ID } from "../../tools/mocks";
import { StackName, stackRun, stackRunWith } from "../support/stacks";

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const STACKS = {
  dev: { lockMode: "GOVERNANCE", retention: 365, dataEvents: false },
  staging: { lockMode: "GOVERNANCE", retention: 365, dataEvents: false },
  prod: { lockMode: "COMPLIANCE", retention: 400, dataEvents: true },
} as const;

/** Types only an organisation's delegated administrator may own (member mode must create none). */
const ORG_OWNED_TYPES = [
  "aws:cloudtrail/trail:Trail",
  "aws:guardduty/detector:Detector",
  "aws:guardduty/detectorFeature:DetectorFeature",
  "aws:guardduty/publishingDestination:PublishingDestination",
  "aws:securityhub/account:Account",
  "aws:securityhub/standardsSubscription:StandardsSubscription",
  "aws:cfg/recorder:Recorder",
  "aws:cfg/deliveryChannel:DeliveryChannel",
  "aws:cfg/recorderStatus:RecorderStatus",
  "aws:cfg/conformancePack:ConformancePack",
  "aws:inspector2/enabler:Enabler",
];

const inputs = (r: RegisteredResource) => r.inputs as Inputs;
function named(run: StackRun, type: string, name: string): RegisteredResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  assert.ok(found, `${type} "${name}" was not registered`);
  return found;
}
const policyOf = (r: RegisteredResource, key = "policy") => JSON.parse(inputs(r)[key] as string) as { Statement: Inputs[] };
const keyArn = (name: string) => `arn:aws:kms:eu-central-1:${MOCK_ACCOUNT_ID}:key/${name}-id`;

/**
 * Every security-group rule of a run that admits TCP port 22 (or all traffic), as `type name`.
 * A group's rule admitting its own members is not an opening: the node group's self rule carries
 * node-to-node and pod-to-pod traffic inside the cluster, and no node has a key pair or sshd
 * credentials (checked below), so it opens no path from anywhere else.
 */
export function port22Openings(run: StackRun): string[] {
  const covers22 = (from: unknown, to: unknown, protocol: unknown) =>
    String(protocol) === "-1" ||
    String(protocol) === "all" ||
    (Number(from) <= 22 && Number(to) >= 22 && ["tcp", "6"].includes(String(protocol)));
  const out: string[] = [];
  for (const r of run.resources) {
    const i = inputs(r);
    const self = i.referencedSecurityGroupId !== undefined && i.referencedSecurityGroupId === i.securityGroupId;
    if (
      r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" &&
      !self &&
      covers22(i.fromPort, i.toPort, i.ipProtocol)
    )
      out.push(`${r.type} ${r.name}`);
    if (
      r.type === "aws:ec2/securityGroupRule:SecurityGroupRule" &&
      i.type === "ingress" &&
      covers22(i.fromPort, i.toPort, i.protocol)
    )
      out.push(`${r.type} ${r.name}`);
    if (r.type === "aws:ec2/securityGroup:SecurityGroup")
      for (const rule of (i.ingress ?? []) as Inputs[])
        if (covers22(rule.fromPort, rule.toPort, rule.protocol)) out.push(`${r.type} ${r.name}`);
    // Managed node groups with remoteAccess open SSH to the given source; key pairs enable it.
    if (r.type === "aws:eks/nodeGroup:NodeGroup" && i.remoteAccess) out.push(`${r.type} ${r.name} remoteAccess`);
    if (r.type === "aws:ec2/launchTemplate:LaunchTemplate" && i.keyName) out.push(`${r.type} ${r.name} keyName`);
  }
  return out;
}

for (const [stack, want] of Object.entries(STACKS)) {
  describe(`security (${stack}, standalone)`, () => {
    let run: StackRun;
    before(async () => {
      run = await stackRun(stack as StackName);
    });

    it("records every management event of every region in one trail with log file validation, KMS and CloudWatch Logs", () => {
      const trail = inputs(named(run, "aws:cloudtrail/trail:Trail", "trail"));
      assert.equal(trail.isMultiRegionTrail, true);
      assert.equal(trail.includeGlobalServiceEvents, true);
      assert.equal(trail.enableLogFileValidation, true);
      assert.equal(trail.kmsKeyId, keyArn("audit-key"));
      assert.equal(trail.s3BucketName, `b2b-commerce-${stack}-audit-logs-111122223333-eu-central-1`);
      assert.match(trail.cloudWatchLogsGroupArn, /:log-group:\/b2b-commerce\/.+\/cloudtrail:\*$/);
      const management = trail.advancedEventSelectors[0].fieldSelectors;
      assert.deepEqual(management, [{ field: "eventCategory", equals: ["Management"] }], "read and write management events");
      const logs = inputs(named(run, "aws:cloudwatch/logGroup:LogGroup", "trail-logs"));
      assert.ok(logs.retentionInDays >= 90, "PCI DSS 10.5.1: three months immediately available");
      assert.equal(logs.kmsKeyId, keyArn("audit-key"));
    });

    it(`records object-level events of the customer-data buckets ${want.dataEvents ? "(the container-log archive)" : "(none in this stack)"}`, () => {
      const selectors = inputs(named(run, "aws:cloudtrail/trail:Trail", "trail")).advancedEventSelectors as Inputs[];
      const data = selectors.find((s) => s.fieldSelectors.some((f: Inputs) => f.equals?.includes("Data")));
      if (!want.dataEvents) return assert.equal(data, undefined);
      assert.ok(data);
      const arn = data.fieldSelectors.find((f: Inputs) => f.field === "resources.ARN");
      const archive = inputs(named(run, "aws:s3/bucket:Bucket", "log-archive")).bucket;
      assert.deepEqual(arn.startsWiths, [`arn:aws:s3:::${archive}/`]);
    });

    it(`locks the audit archive (Object Lock ${want.lockMode}, ${want.retention} days), versioned, access-logged, TLS-only, protected`, () => {
      const bucket = named(run, "aws:s3/bucket:Bucket", "audit-logs");
      assert.equal(inputs(bucket).objectLockEnabled, true);
      assert.equal(bucket.protect, true);
      assert.equal(inputs(bucket).forceDestroy, false);
      const lock = inputs(
        named(run, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "audit-logs-object-lock"),
      );
      assert.deepEqual(lock.rule.defaultRetention, { mode: want.lockMode, days: want.retention });
      assert.ok(want.retention >= 365, "PCI DSS 10.5.1: twelve months kept");
      const versioning = inputs(named(run, "aws:s3/bucketVersioning:BucketVersioning", "audit-logs-versioning"));
      assert.equal(versioning.versioningConfiguration.status, "Enabled");
      const logging = inputs(named(run, "aws:s3/bucketLogging:BucketLogging", "audit-logs-access-logging"));
      // Named with the account and region (shortened with a hash where the stack name is long).
      const accessLogBucket = inputs(named(run, "aws:s3/bucket:Bucket", "audit-access-logs")).bucket;
      assert.match(accessLogBucket, new RegExp(`^b2b-commerce-${stack}-audit-acc[a-z0-9-]*-111122223333-eu-central-1$`));
      assert.equal(logging.targetBucket, accessLogBucket);
      const lifecycle = inputs(
        named(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "audit-logs-lifecycle"),
      ).rules[0];
      assert.ok(lifecycle.transitions[0].days >= 90, "three months in S3 Standard before Glacier");
      assert.equal(lifecycle.expiration.days, want.retention);
      const statements = policyOf(named(run, "aws:s3/bucketPolicy:BucketPolicy", "audit-logs-policy")).Statement;
      const tls = statements.find((s) => s.Sid === "DenyInsecureTransport");
      assert.deepEqual(tls?.Condition, { Bool: { "aws:SecureTransport": "false" } });
      const trailWrite = statements.find((s) => s.Sid === "CloudTrailWrites");
      assert.equal(
        trailWrite?.Condition.StringEquals["aws:SourceArn"],
        `arn:aws:cloudtrail:eu-central-1:${MOCK_ACCOUNT_ID}:trail/b2b-commerce-${stack}-trail`,
      );
      const sse = inputs(
        named(
          run,
          "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
          "audit-logs-encryption",
        ),
      );
      assert.equal(sse.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, keyArn("audit-key"));
      assert.equal(named(run, "aws:kms/key:Key", "audit-key").protect, true);
    });

    it("runs GuardDuty with every current protection plan (runtime monitoring with the managed agent) and exports findings with KMS", () => {
      const detector = inputs(named(run, "aws:guardduty/detector:Detector", "guardduty"));
      assert.equal(detector.enable, true);
      assert.equal(detector.findingPublishingFrequency, "FIFTEEN_MINUTES");
      const features = ofType(run, "aws:guardduty/detectorFeature:DetectorFeature").map((r) => inputs(r));
      assert.deepEqual(features.map((f) => f.name).sort(), GUARDDUTY_FEATURES.map((f) => f.name).sort());
      for (const name of ["S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "RUNTIME_MONITORING"])
        assert.ok(
          features.some((f) => f.name === name && f.status === "ENABLED"),
          name,
        );
      assert.ok(!features.some((f) => f.name === "EKS_RUNTIME_MONITORING"), "never together with RUNTIME_MONITORING");
      const runtime = features.find((f) => f.name === "RUNTIME_MONITORING")!;
      assert.deepEqual(runtime.additionalConfigurations.map((c: Inputs) => `${c.name}=${c.status}`).sort(), [
        "EC2_AGENT_MANAGEMENT=ENABLED",
        "EKS_ADDON_MANAGEMENT=ENABLED",
      ]);
      const exp = inputs(named(run, "aws:guardduty/publishingDestination:PublishingDestination", "guardduty-export"));
      assert.equal(exp.destinationType, "S3");
      assert.equal(exp.kmsKeyArn, keyArn("audit-key"));
      assert.equal(exp.destinationArn, `arn:aws:s3:::b2b-commerce-${stack}-audit-logs-111122223333-eu-central-1/guardduty`);
    });

    it("subscribes Security Hub CSPM to FSBP, CIS v3.0.0 and PCI DSS v4.0.1 (default standards off, consolidated findings)", () => {
      const hub = inputs(named(run, "aws:securityhub/account:Account", "security-hub"));
      assert.equal(hub.enableDefaultStandards, false);
      assert.equal(hub.controlFindingGenerator, "SECURITY_CONTROL");
      assert.deepEqual(
        ofType(run, "aws:securityhub/standardsSubscription:StandardsSubscription")
          .map((r) => inputs(r).standardsArn)
          .sort(),
        [
          "arn:aws:securityhub:eu-central-1::standards/aws-foundational-security-best-practices/v/1.0.0",
          "arn:aws:securityhub:eu-central-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
          "arn:aws:securityhub:eu-central-1::standards/pci-dss/v/4.0.1",
        ],
      );
    });

    it("records every supported resource type with AWS Config, delivers to the archive with KMS, and deploys the PCI DSS pack", () => {
      const recorder = inputs(named(run, "aws:cfg/recorder:Recorder", "config-recorder"));
      assert.deepEqual(recorder.recordingGroup, { allSupported: true, includeGlobalResourceTypes: true });
      assert.match(recorder.roleArn, /\/AWSServiceRoleForConfig$/, "the AWSServiceRoleForConfig service-linked role");
      assert.equal(
        inputs(named(run, "aws:iam/serviceLinkedRole:ServiceLinkedRole", "config-service-role")).awsServiceName,
        "config.amazonaws.com",
      );
      const channel = inputs(named(run, "aws:cfg/deliveryChannel:DeliveryChannel", "config-delivery"));
      assert.equal(channel.s3BucketName, `b2b-commerce-${stack}-audit-logs-111122223333-eu-central-1`);
      assert.equal(channel.s3KmsKeyArn, keyArn("audit-key"));
      const status = named(run, "aws:cfg/recorderStatus:RecorderStatus", "config-recorder-status");
      assert.equal(inputs(status).isEnabled, true);
      assert.ok(
        status.dependencies.some((u) => u.endsWith("::config-delivery")),
        "started after the channel exists",
      );
      const pack = inputs(named(run, "aws:cfg/conformancePack:ConformancePack", "pci-dss-pack"));
      assert.equal(pack.templateBody, fs.readFileSync(CONFORMANCE_PACK_FILE, "utf8"));
    });

    it("runs IAM Access Analyzer for external and unused access, and Inspector on ECR images and EC2 nodes", () => {
      const types = ofType(run, "aws:accessanalyzer/analyzer:Analyzer")
        .map((r) => inputs(r).type)
        .sort();
      assert.deepEqual(types, ["ACCOUNT", "ACCOUNT_UNUSED_ACCESS"]);
      const unused = ofType(run, "aws:accessanalyzer/analyzer:Analyzer").find((r) => inputs(r).type === "ACCOUNT_UNUSED_ACCESS")!;
      assert.equal(inputs(unused).configuration.unusedAccess.unusedAccessAge, 90);
      const inspector = inputs(named(run, "aws:inspector2/enabler:Enabler", "inspector"));
      assert.deepEqual([...inspector.resourceTypes].sort(), ["EC2", "ECR"]);
      assert.deepEqual(inspector.accountIds, [MOCK_ACCOUNT_ID]);
    });

    it("sets the CIS/PCI password policy and denies everything but MFA self-service without MFA", () => {
      const policy = inputs(named(run, "aws:iam/accountPasswordPolicy:AccountPasswordPolicy", "password-policy"));
      for (const [k, v] of Object.entries(PASSWORD_POLICY)) assert.equal(policy[k], v, k);
      assert.ok(policy.minimumPasswordLength >= 14 && policy.passwordReusePrevention >= 24 && policy.maxPasswordAge <= 90);
      const deny = policyOf(named(run, "aws:iam/policy:Policy", "require-mfa")).Statement.find((s) => s.Effect === "Deny")!;
      assert.equal(deny.Resource, "*");
      assert.deepEqual(deny.Condition, { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } });
      assert.ok(deny.NotAction.includes("iam:EnableMFADevice") && !deny.NotAction.includes("iam:DeactivateMFADevice"));
      assert.match(
        inputs(named(run, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "iam-users-require-mfa")).policyArn,
        /require-mfa$/,
      );
    });

    it("lets the break-glass role be assumed only with a fresh MFA code, for at most an hour", () => {
      const role = inputs(named(run, "aws:iam/role:Role", "break-glass"));
      assert.equal(role.maxSessionDuration, 3600);
      const [trust] = JSON.parse(role.assumeRolePolicy).Statement;
      assert.deepEqual(trust.Principal, { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` });
      assert.deepEqual(trust.Condition, {
        Bool: { "aws:MultiFactorAuthPresent": "true" },
        NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
      });
    });

    it("makes the break-glass role an administrator on the role itself (tagged, exclusive), nothing attached beside it", () => {
      const role = inputs(named(run, "aws:iam/role:Role", "break-glass"));
      assert.deepEqual(role.managedPolicyArns, ["arn:aws:iam::aws:policy/AdministratorAccess"]);
      assert.equal(role.tags.BreakGlass, "true");
      const attached = run.resources.filter(
        (r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && inputs(r).role === role.name,
      );
      assert.deepEqual(
        attached.map((r) => r.name),
        [],
      );
    });

    it("routes GuardDuty, Security Hub (by label), Access Analyzer, root and break-glass events to the alert topic with a severity", () => {
      const topic = `arn:aws:sns:eu-central-1:${MOCK_ACCOUNT_ID}:b2b-commerce-${stack}-alerts`;
      const breakGlassArn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/b2b-commerce-${stack}-break-glass`;
      const routes = findingRoutes({ arn: breakGlassArn, name: `b2b-commerce-${stack}-break-glass` }, MOCK_ACCOUNT_ID, "aws");
      for (const route of routes) {
        const rule = inputs(named(run, "aws:cloudwatch/eventRule:EventRule", `finding-${route.name}`));
        assert.deepEqual(JSON.parse(rule.eventPattern), route.pattern, route.name);
        const target = inputs(named(run, "aws:cloudwatch/eventTarget:EventTarget", `finding-${route.name}-alert`));
        assert.equal(target.arn, topic, route.name);
        assert.equal(
          target.deadLetterConfig.arn,
          `arn:aws:sqs:eu-central-1:${MOCK_ACCOUNT_ID}:b2b-commerce-${stack}-security-events-dlq`,
        );
        const message = target.inputTransformer.inputTemplate as string;
        assert.match(message, new RegExp(`"severity": "${route.severity}"`), route.name);
        const page = runbookPage(route.name);
        assert.match(message, new RegExp(`"runbook": "https://\\S+/docs/runbooks/${page}\\.md"`), route.name);
        assert.match(rule.description, new RegExp(`Runbook: https://\\S+/docs/runbooks/${page}\\.md$`), route.name);
      }
      const sev = (name: string) => routes.find((r) => r.name === name)!.severity;
      assert.equal(sev("root-activity"), "critical");
      assert.equal(sev("break-glass-assumed"), "critical");
      assert.equal(sev("break-glass-console"), "critical");
      assert.equal(sev("securityhub-critical"), "critical");
      assert.deepEqual(SECURITY_HUB_SEVERITIES, { critical: ["CRITICAL"], warning: ["HIGH", "MEDIUM"], info: ["LOW"] });
      assert.deepEqual(GUARDDUTY_SEVERITIES.critical, [">=", 9]);
      const assumed = JSON.parse(
        inputs(named(run, "aws:cloudwatch/eventRule:EventRule", "finding-break-glass-assumed")).eventPattern,
      );
      assert.deepEqual(assumed.detail.requestParameters.roleArn, [breakGlassArn]);
    });

    it("forwards global-service events (root, break-glass, exposed keys) from us-east-1 to this region's bus", () => {
      const rule = named(run, "aws:cloudwatch/eventRule:EventRule", "finding-forward-global");
      assert.match(rule.provider ?? "", /aws-us-east-1$/);
      const patterns = JSON.parse(inputs(rule).eventPattern).$or as Inputs[];
      assert.equal(patterns.length, 4);
      const target = inputs(named(run, "aws:cloudwatch/eventTarget:EventTarget", "finding-forward-global-bus"));
      assert.equal(target.arn, `arn:aws:events:eu-central-1:${MOCK_ACCOUNT_ID}:event-bus/default`);
      const [put] = policyOf(named(run, "aws:iam/rolePolicy:RolePolicy", "finding-forwarder-policy")).Statement;
      assert.deepEqual([put.Action, put.Resource], ["events:PutEvents", target.arn]);
    });

    it("parks undeliverable security events in an encrypted dead-letter queue and pages when one is there", () => {
      const queue = inputs(named(run, "aws:sqs/queue:Queue", "security-events-dlq"));
      assert.equal(queue.kmsMasterKeyId, keyArn("security-events-dlq-key"));
      assert.equal(queue.messageRetentionSeconds, 14 * 24 * 3600);
      const [send] = policyOf(named(run, "aws:sqs/queuePolicy:QueuePolicy", "security-events-dlq-policy")).Statement;
      assert.deepEqual([send.Principal, send.Action], [{ Service: "events.amazonaws.com" }, "sqs:SendMessage"]);
      assert.deepEqual(send.Condition.ArnLike["aws:SourceArn"], [
        `arn:aws:events:eu-central-1:${MOCK_ACCOUNT_ID}:rule/b2b-commerce-${stack}-finding*`,
        `arn:aws:events:eu-central-1:${MOCK_ACCOUNT_ID}:rule/b2b-commerce-${stack}-respond*`,
      ]);
      for (const name of Object.keys(RESPONDERS))
        assert.equal(
          inputs(named(run, "aws:cloudwatch/eventTarget:EventTarget", `respond-${name}-target`)).deadLetterConfig.arn,
          queue.name ? `arn:aws:sqs:eu-central-1:${MOCK_ACCOUNT_ID}:${queue.name}` : "",
        );
      const alarm = inputs(named(run, "aws:cloudwatch/metricAlarm:MetricAlarm", "alarm-security-events-undelivered"));
      assert.deepEqual(
        [alarm.metricName, alarm.dimensions.QueueName, alarm.threshold],
        ["ApproximateNumberOfMessagesVisible", queue.name, 0],
      );
      assert.match(alarm.alarmDescription, /^\[critical\] .*Runbook: https:\S+\/security-events-undelivered\.md$/);
      const forwarder = named(run, "aws:sqs/queue:Queue", "security-events-dlq-us-east-1");
      assert.match(forwarder.provider ?? "", /aws-us-east-1$/);
    });

    it("lets EventBridge of this account publish to the encrypted alert topic (topic policy and key policy)", () => {
      const topicPolicy = policyOf(named(run, "aws:sns/topicPolicy:TopicPolicy", "alerts-policy")).Statement;
      const events = topicPolicy.find((s) => s.Principal?.Service === "events.amazonaws.com");
      assert.equal(events?.Action, "sns:Publish");
      assert.deepEqual(events?.Condition, { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } });
      const key = policyOf(named(run, "aws:kms/key:Key", "alerts-key")).Statement.find(
        (s) => s.Principal?.Service === "events.amazonaws.com",
      );
      assert.deepEqual(key?.Action, ["kms:Decrypt", "kms:GenerateDataKey*"]);
    });

    it("deploys the three automated responses, each triggered by its own rule, with a role that does only its job", () => {
      for (const [name, spec] of Object.entries(RESPONDERS)) {
        const fn = inputs(named(run, "aws:lambda/function:Function", `respond-${name}`));
        assert.equal(fn.handler, `${name}.handler`);
        assert.equal(fn.runtime, "nodejs22.x");
        assert.equal(fn.environment.variables.RESPONSE_MODE, "remediate");
        assert.equal(fn.vpcConfig, undefined, "AWS APIs only: outside the VPC");
        const rule = inputs(named(run, "aws:cloudwatch/eventRule:EventRule", `respond-${name}-trigger`));
        assert.deepEqual(JSON.parse(rule.eventPattern), spec.pattern);
        const permission = inputs(named(run, "aws:lambda/permission:Permission", `respond-${name}-invoke`));
        assert.equal(permission.principal, "events.amazonaws.com");
        const statements = policyOf(named(run, "aws:iam/rolePolicy:RolePolicy", `respond-${name}-policy`)).Statement;
        for (const s of statements)
          assert.ok(![s.Action].flat().some((a: string) => a.endsWith(":*") || a === "*"), `${name}: ${s.Sid}`);
      }
      const isolate = policyOf(named(run, "aws:iam/rolePolicy:RolePolicy", "respond-isolate-node-policy")).Statement;
      const swap = isolate.find((s) => s.Action === "ec2:ModifyNetworkInterfaceAttribute")!;
      assert.deepEqual(swap.Condition, {
        ArnEquals: { "ec2:Vpc": `arn:aws:ec2:eu-central-1:${MOCK_ACCOUNT_ID}:vpc/${run.outputs.vpcId}` },
      });
      const keys = policyOf(named(run, "aws:iam/rolePolicy:RolePolicy", "respond-access-key-policy")).Statement[0];
      assert.deepEqual(keys.Action, ["iam:GetAccessKeyLastUsed", "iam:ListAccessKeys", "iam:UpdateAccessKey"]);
      const quarantine = inputs(named(run, "aws:ec2/securityGroup:SecurityGroup", "quarantine-sg"));
      assert.equal(quarantine.ingress, undefined);
      assert.equal(quarantine.egress, undefined);
      const rules = run.resources.filter(
        (r) => /securityGroup(Ingress|Egress)Rule/.test(r.type) && inputs(r).securityGroupId === "quarantine-sg-id",
      );
      assert.deepEqual(rules, [], "the quarantine group has no rules");
    });

    it("reaches nodes through Session Manager only: encrypted transcripts, a port-forwarding document fixed to the database", () => {
      const prefs = JSON.parse(inputs(named(run, "aws:ssm/document:Document", "session-preferences")).content);
      assert.equal(prefs.inputs.s3EncryptionEnabled, true);
      assert.equal(prefs.inputs.cloudWatchEncryptionEnabled, true);
      assert.equal(prefs.inputs.kmsKeyId, keyArn("audit-key"));
      assert.equal(prefs.inputs.runAsEnabled, false);
      const forward = JSON.parse(inputs(named(run, "aws:ssm/document:Document", "db-port-forward")).content);
      assert.equal(forward.sessionType, "Port");
      assert.equal(forward.properties.portNumber, "5432");
      const dbHost = (run.outputs.databaseProxyEndpoint as string | undefined) ?? (run.outputs.databaseWriterEndpoint as string);
      assert.equal(forward.properties.host, dbHost);
      const agent = policyOf(named(run, "aws:iam/rolePolicy:RolePolicy", "node-session-agent")).Statement;
      assert.ok(agent.some((s) => [s.Action].flat().includes("ssmmessages:OpenDataChannel")));
      assert.equal(ofType(run, "aws:ec2clientvpn/endpoint:Endpoint").length, 0, "Client VPN is off by default");
    });

    it("opens port 22 nowhere: no SSH rule, no node-group remote access, no key pair", () => {
      assert.deepEqual(port22Openings(run), []);
    });
  });
}

describe("security: the port-22 check can fail", () => {
  it("finds a planted SSH ingress rule, an all-traffic rule and a key pair", async () => {
    const run = await stackRun("dev");
    const planted: StackRun = {
      ...run,
      resources: [
        ...run.resources,
        {
          ...run.resources[0],
          type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
          name: "ssh",
          inputs: { fromPort: 22, toPort: 22, ipProtocol: "tcp" },
        },
        {
          ...run.resources[0],
          type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
          name: "all",
          inputs: { ipProtocol: "-1", cidrIpv4: "10.0.0.0/8" },
        },
        {
          ...run.resources[0],
          type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
          name: "self-22-ok",
          inputs: { fromPort: 1, toPort: 1024, ipProtocol: "tcp", securityGroupId: "a", referencedSecurityGroupId: "a" },
        },
        { ...run.resources[0], type: "aws:ec2/launchTemplate:LaunchTemplate", name: "lt", inputs: { keyName: "ops" } },
      ],
    };
    assert.equal(port22Openings(planted).length, 3);
  });
});

describe("security (dev, member mode)", () => {
  let run: StackRun;
  const organization = {
    trailArn: "arn:aws:cloudtrail:eu-central-1:999988887777:trail/org-trail",
    logArchiveBucketName: "org-log-archive",
  };
  const requested = stackRunWith("dev", { config: { security: JSON.stringify({ mode: "member", organization }) } });
  before(async () => {
    run = await requested;
  });

  it("creates none of the organisation-owned resources", () => {
    const found = run.resources.filter((r) => ORG_OWNED_TYPES.includes(r.type)).map((r) => `${r.type} ${r.name}`);
    assert.deepEqual(found, []);
  });

  it("still creates what a member owns: identity controls, finding routes, responses, Session Manager, account analyzers", () => {
    for (const [type, name] of [
      ["aws:iam/role:Role", "break-glass"],
      ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy", "password-policy"],
      ["aws:cloudwatch/eventRule:EventRule", "finding-guardduty-critical"],
      ["aws:lambda/function:Function", "respond-isolate-node"],
      ["aws:ssm/document:Document", "session-preferences"],
    ])
      named(run, type, name);
    assert.equal(ofType(run, "aws:accessanalyzer/analyzer:Analyzer").length, 2);
    assert.equal(run.outputs.trailArn, organization.trailArn);
    const component = Object.entries(run.componentOutputs).find(([urn]) => urn.endsWith("b2b:security:Security::security"))![1];
    assert.equal(component.detectorId, "org0detector0000000000000000000", "reads the organisation's detector");
  });

  it("admits only the member's own writers to the archive (no CloudTrail, GuardDuty or Config statements)", () => {
    const sids = policyOf(named(run, "aws:s3/bucketPolicy:BucketPolicy", "audit-logs-policy")).Statement.map((s) => s.Sid);
    assert.deepEqual(sids, ["DenyInsecureTransport"]);
  });
});

describe("security switches", () => {
  const configOff = stackRunWith("dev", { config: { security: JSON.stringify({ services: { config: false } }) } });
  it("turns one service off at a time (standalone, Config off: no recorder, the rest stays)", async () => {
    const run = await configOff;
    assert.equal(ofType(run, "aws:cfg/recorder:Recorder").length, 0);
    assert.equal(ofType(run, "aws:cfg/conformancePack:ConformancePack").length, 0);
    assert.equal(ofType(run, "aws:guardduty/detector:Detector").length, 1);
    assert.equal(ofType(run, "aws:cloudtrail/trail:Trail").length, 1);
  });

  const clientVpn = {
    serverCertificateArn: "arn:aws:acm:eu-central-1:111122223333:certificate/11111111-2222-3333-4444-555555555555",
    clientRootCertificateArn: "arn:aws:acm:eu-central-1:111122223333:certificate/66666666-7777-8888-9999-000000000000",
    clientCidr: "172.16.0.0/22",
  };
  const withVpn = stackRunWith("dev", { config: { security: JSON.stringify({ clientVpn }) } });
  it("creates a mutual-TLS, split-tunnel Client VPN with connection logs when configured", async () => {
    const run = await withVpn;
    const vpn = inputs(named(run, "aws:ec2clientvpn/endpoint:Endpoint", "client-vpn"));
    assert.equal(vpn.splitTunnel, true);
    assert.deepEqual(vpn.authenticationOptions, [
      { type: "certificate-authentication", rootCertificateChainArn: clientVpn.clientRootCertificateArn },
    ]);
    assert.equal(vpn.connectionLogOptions.enabled, true);
    assert.equal(ofType(run, "aws:ec2clientvpn/networkAssociation:NetworkAssociation").length, 2);
    assert.deepEqual(port22Openings(run), []);
  });
});

describe("security config", () => {
  const project = projectName();
  const problems = (stack: string, security: unknown): string[] => {
    const raw = { ...readStackConfig(stack), [`${project}:security`]: JSON.stringify(security) };
    try {
      loadConfig(project, stack, raw);
      return [];
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      return e.problems;
    }
  };
  const organization = {
    trailArn: "arn:aws:cloudtrail:eu-central-1:999988887777:trail/org-trail",
    logArchiveBucketName: "org-log-archive",
  };

  it("rejects every organisation-owned service in a member stack, naming the key", () => {
    for (const service of ORGANIZATION_OWNED_SERVICES) {
      const p = problems("dev", { mode: "member", organization, services: { [service]: true } });
      assert.equal(p.length, 1, service);
      assert.match(
        p[0],
        new RegExp(`config key "b2b-commerce:security\\.services\\.${service}" is true; allowed: false in member mode`),
      );
    }
    assert.deepEqual(problems("dev", { mode: "member", organization, services: { accessAnalyzer: true } }), []);
  });

  it("requires the organisation trail and log archive in member mode, and only there", () => {
    assert.match(
      problems("dev", { mode: "member" }).join(),
      /security.organization" is not set; allowed: the organisation trail and log archive/,
    );
    const p = problems("dev", { mode: "member", organization: { trailArn: "trail", logArchiveBucketName: "A_B" } });
    assert.ok(
      p.some((x) => x.includes("security.organization.trailArn")),
      p.join(),
    );
    assert.ok(
      p.some((x) => x.includes("security.organization.logArchiveBucketName")),
      p.join(),
    );
    assert.match(problems("dev", { organization }).join(), /security.organization.*only in member mode/);
  });

  it("keeps PCI DSS 10.5.1 (365 days kept, 90 immediately available) and COMPLIANCE mode in prod", () => {
    assert.match(
      problems("dev", { auditLogRetentionDays: 180 }).join(),
      /auditLogRetentionDays" is 180; allowed: an integer from 365/,
    );
    assert.match(problems("dev", { auditLogImmediateDays: 30 }).join(), /auditLogImmediateDays" is 30/);
    assert.match(problems("prod", { objectLockMode: "GOVERNANCE" }).join(), /"COMPLIANCE" in prod/);
    assert.match(
      problems("dev", { responses: "shout" }).join(),
      /security.responses" is "shout"; allowed: one of "remediate", "notify-only"/,
    );
  });
});

describe("security conformance pack", () => {
  const text = fs.readFileSync(CONFORMANCE_PACK_FILE, "utf8");
  it("fits templateBody and uses AWS managed rules, each with a PCI DSS requirement", () => {
    assert.ok(text.length < TEMPLATE_BODY_LIMIT);
    const doc = yaml.load(text) as { Resources: Record<string, Inputs> };
    const rules = Object.values(doc.Resources);
    assert.ok(rules.length >= 25);
    for (const r of rules) {
      assert.equal(r.Type, "AWS::Config::ConfigRule");
      assert.equal(r.Properties.Source.Owner, "AWS");
      assert.match(r.Properties.Source.SourceIdentifier, /^[A-Z0-9_]+$/);
    }
    const ids = rules.map((r) => r.Properties.Source.SourceIdentifier);
    for (const id of [
      "MULTI_REGION_CLOUD_TRAIL_ENABLED",
      "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
      "INCOMING_SSH_DISABLED",
      "S3_BUCKET_DEFAULT_LOCK_ENABLED",
    ])
      assert.ok(ids.includes(id), id);
    assert.equal((text.match(/# PCI DSS \d/g) ?? []).length, rules.length);
  });
});
