/** CloudTrail, GuardDuty, Security Hub, AWS Config, Access Analyzer, Inspector and the IAM account settings. */
import { accessanalyzerAnalyzerRequireExternalAccess } from "../policies/accessanalyzer/analyzer-require-external-access";
import { cfgRecorderRequireAllResources } from "../policies/cfg/recorder-require-all-resources";
import { cfgRecorderStatusRequireEnabled } from "../policies/cfg/recorder-status-require-enabled";
import { cloudtrailEventDataStoreRequireKms } from "../policies/cloudtrail/event-data-store-require-kms";
import { cloudtrailTrailRequireCloudwatchLogs } from "../policies/cloudtrail/trail-require-cloudwatch-logs";
import { cloudtrailTrailRequireKms } from "../policies/cloudtrail/trail-require-kms";
import { cloudtrailTrailRequireLogFileValidation } from "../policies/cloudtrail/trail-require-log-file-validation";
import { cloudtrailTrailRequireLoggingEnabled } from "../policies/cloudtrail/trail-require-logging-enabled";
import { cloudtrailTrailRequireMultiRegion } from "../policies/cloudtrail/trail-require-multi-region";
import { guarddutyDetectorFeatureRequireEnabled } from "../policies/guardduty/detector-feature-require-enabled";
import { guarddutyDetectorRequireEnabled } from "../policies/guardduty/detector-require-enabled";
import { iamAccessKeyDisallowCreation } from "../policies/iam/access-key-disallow-creation";
import { iamPasswordPolicyRequireLowercase } from "../policies/iam/password-policy-require-lowercase";
import { iamPasswordPolicyRequireMaxAge } from "../policies/iam/password-policy-require-max-age";
import { iamPasswordPolicyRequireMinLength } from "../policies/iam/password-policy-require-min-length";
import { iamPasswordPolicyRequireNumbers } from "../policies/iam/password-policy-require-numbers";
import { iamPasswordPolicyRequireReusePrevention } from "../policies/iam/password-policy-require-reuse-prevention";
import { iamPasswordPolicyRequireSymbols } from "../policies/iam/password-policy-require-symbols";
import { iamPasswordPolicyRequireUppercase } from "../policies/iam/password-policy-require-uppercase";
import { iamUserDisallowConsoleLogin } from "../policies/iam/user-disallow-console-login";
import { inspector2EnablerRequireEc2AndEcr } from "../policies/inspector2/enabler-require-ec2-and-ecr";
import { securityhubAccountRequireAutoEnableControls } from "../policies/securityhub/account-require-auto-enable-controls";
import { securityhubAccountRequireConsolidatedFindings } from "../policies/securityhub/account-require-consolidated-findings";
import { UNKNOWN_STRING } from "../lib/props";
import { analyzeStack, assertEqual, cover, describePolicy, ResourceInput } from "./helpers";

describe("policy-pack security-services", () => {
  describePolicy({
    policy: cloudtrailTrailRequireMultiRegion,
    type: "aws:cloudtrail/trail:Trail",
    compliant: {
      name: "org-trail",
      s3BucketName: "b2b-audit-logs",
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/trail",
      cloudWatchLogsGroupArn: "arn:aws:logs:eu-central-1:111122223333:log-group:cloudtrail:*",
      cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/cloudtrail-logs",
    },
    violations: [
      { name: "single region", change: (p) => (p.isMultiRegionTrail = false), expect: "isMultiRegionTrail is off" },
      {
        name: "global services excluded",
        change: (p) => (p.includeGlobalServiceEvents = false),
        expect: "includeGlobalServiceEvents is off",
      },
    ],
    unknown: ["isMultiRegionTrail", "includeGlobalServiceEvents"],
  });

  describePolicy({
    policy: cloudtrailTrailRequireLogFileValidation,
    type: "aws:cloudtrail/trail:Trail",
    compliant: {
      name: "org-trail",
      s3BucketName: "b2b-audit-logs",
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/trail",
      cloudWatchLogsGroupArn: "arn:aws:logs:eu-central-1:111122223333:log-group:cloudtrail:*",
      cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/cloudtrail-logs",
    },
    violations: [
      { name: "validation off", change: (p) => delete p.enableLogFileValidation, expect: "enableLogFileValidation is off" },
    ],
    unknown: ["enableLogFileValidation"],
  });

  describePolicy({
    policy: cloudtrailTrailRequireKms,
    type: "aws:cloudtrail/trail:Trail",
    compliant: {
      name: "org-trail",
      s3BucketName: "b2b-audit-logs",
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/trail",
      cloudWatchLogsGroupArn: "arn:aws:logs:eu-central-1:111122223333:log-group:cloudtrail:*",
      cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/cloudtrail-logs",
    },
    violations: [{ name: "no key", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" }],
  });

  describePolicy({
    policy: cloudtrailTrailRequireCloudwatchLogs,
    type: "aws:cloudtrail/trail:Trail",
    compliant: {
      name: "org-trail",
      s3BucketName: "b2b-audit-logs",
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/trail",
      cloudWatchLogsGroupArn: "arn:aws:logs:eu-central-1:111122223333:log-group:cloudtrail:*",
      cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/cloudtrail-logs",
    },
    violations: [
      { name: "no log group", change: (p) => delete p.cloudWatchLogsGroupArn, expect: "No cloudWatchLogsGroupArn" },
      { name: "no role", change: (p) => delete p.cloudWatchLogsRoleArn, expect: "without cloudWatchLogsRoleArn" },
    ],
  });

  describePolicy({
    policy: cloudtrailTrailRequireLoggingEnabled,
    type: "aws:cloudtrail/trail:Trail",
    compliant: {
      name: "org-trail",
      s3BucketName: "b2b-audit-logs",
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/trail",
      cloudWatchLogsGroupArn: "arn:aws:logs:eu-central-1:111122223333:log-group:cloudtrail:*",
      cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/cloudtrail-logs",
    },
    alsoCompliant: [{ name: "logging left at its default (on)", change: (p) => delete p.enableLogging }],
    violations: [{ name: "logging stopped", change: (p) => (p.enableLogging = false), expect: "enableLogging is false" }],
    unknown: ["enableLogging"],
  });

  describePolicy({
    policy: cloudtrailEventDataStoreRequireKms,
    type: "aws:cloudtrail/eventDataStore:EventDataStore",
    compliant: { name: "audit", kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/lake", retentionPeriod: 2557 },
    violations: [{ name: "no key", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" }],
  });

  describePolicy({
    policy: guarddutyDetectorRequireEnabled,
    type: "aws:guardduty/detector:Detector",
    compliant: { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" },
    alsoCompliant: [
      {
        name: "defaults (enabled, six-hourly updates left unset)",
        change: (p) => (delete p.enable, delete p.findingPublishingFrequency),
      },
    ],
    violations: [
      { name: "suspended", change: (p) => (p.enable = false), expect: "enable is false" },
      { name: "six-hourly publishing", change: (p) => (p.findingPublishingFrequency = "SIX_HOURS"), expect: "SIX_HOURS" },
    ],
    unknown: ["enable", "findingPublishingFrequency"],
  });

  describePolicy({
    policy: guarddutyDetectorFeatureRequireEnabled,
    type: "aws:guardduty/detectorFeature:DetectorFeature",
    compliant: {
      detectorId: "det-1",
      name: "EKS_RUNTIME_MONITORING",
      status: "ENABLED",
      additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }],
    },
    violations: [
      { name: "feature disabled", change: (p) => (p.status = "DISABLED"), expect: "has status DISABLED" },
      {
        name: "agent management disabled",
        change: (p) => (p.additionalConfigurations[0].status = "DISABLED"),
        expect: "EKS_ADDON_MANAGEMENT has status DISABLED",
      },
    ],
    unknown: ["status", "additionalConfigurations", "additionalConfigurations.0.status"],
  });

  describePolicy({
    policy: securityhubAccountRequireAutoEnableControls,
    type: "aws:securityhub/account:Account",
    compliant: { enableDefaultStandards: false, autoEnableControls: true, controlFindingGenerator: "SECURITY_CONTROL" },
    violations: [
      { name: "new controls off", change: (p) => (p.autoEnableControls = false), expect: "autoEnableControls is false" },
    ],
    unknown: ["autoEnableControls"],
  });

  describePolicy({
    policy: securityhubAccountRequireConsolidatedFindings,
    type: "aws:securityhub/account:Account",
    compliant: { enableDefaultStandards: false, autoEnableControls: true, controlFindingGenerator: "SECURITY_CONTROL" },
    violations: [
      {
        name: "per-standard findings",
        change: (p) => (p.controlFindingGenerator = "STANDARD_CONTROL"),
        expect: "STANDARD_CONTROL",
      },
    ],
    unknown: ["controlFindingGenerator"],
  });

  describePolicy({
    policy: cfgRecorderRequireAllResources,
    type: "aws:cfg/recorder:Recorder",
    compliant: {
      name: "default",
      roleArn: "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    },
    violations: [
      {
        name: "a list of types only",
        change: (p) => (p.recordingGroup = { allSupported: false, resourceTypes: ["AWS::S3::Bucket"] }),
        expect: "allSupported is false",
      },
      {
        name: "no global types",
        change: (p) => (p.recordingGroup.includeGlobalResourceTypes = false),
        expect: "includeGlobalResourceTypes is off",
      },
    ],
    unknown: ["recordingGroup", "recordingGroup.allSupported", "recordingGroup.includeGlobalResourceTypes"],
  });

  describePolicy({
    policy: cfgRecorderStatusRequireEnabled,
    type: "aws:cfg/recorderStatus:RecorderStatus",
    compliant: { name: "default", isEnabled: true },
    violations: [{ name: "stopped", change: (p) => (p.isEnabled = false), expect: "isEnabled is false" }],
    unknown: ["isEnabled"],
  });

  describe(accessanalyzerAnalyzerRequireExternalAccess.name, () => {
    const analyzer = (name: string, type?: unknown): ResourceInput => ({
      type: "aws:accessanalyzer/analyzer:Analyzer",
      name,
      props: type === undefined ? { analyzerName: name } : { analyzerName: name, type },
    });
    const run = (rs: ResourceInput[]) => analyzeStack(accessanalyzerAnalyzerRequireExternalAccess, rs);
    cover(accessanalyzerAnalyzerRequireExternalAccess.name, 4, 1, 1);
    it("passes an external-access analyzer next to an unused-access one", async () => {
      assertEqual(
        (await run([analyzer("ext", "ACCOUNT"), analyzer("unused", "ACCOUNT_UNUSED_ACCESS")])).diagnostics,
        [],
        "diagnostics",
      );
    });
    it("passes the default type (ACCOUNT), an organisation analyzer, and a stack without analyzers", async () => {
      for (const rs of [[analyzer("ext")], [analyzer("org", "ORGANIZATION")], []])
        assertEqual((await run(rs)).diagnostics, [], "diagnostics");
    });
    it("reports unused-access analyzers alone", async () => {
      const r = await run([analyzer("unused", "ACCOUNT_UNUSED_ACCESS")]);
      assertEqual(r.violations.length, 1, "violations");
      if (!r.violations[0].includes("(ACCOUNT_UNUSED_ACCESS) do not report external access")) throw new Error(r.violations[0]);
    });
    it("cannot decide at preview when the only other analyzer's type is unknown", async () => {
      const r = await run([analyzer("unused", "ACCOUNT_UNUSED_ACCESS"), analyzer("x", UNKNOWN_STRING)]);
      assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "preview");
    });
  });
  describePolicy({
    policy: inspector2EnablerRequireEc2AndEcr,
    type: "aws:inspector2/enabler:Enabler",
    compliant: { accountIds: ["111122223333"], resourceTypes: ["EC2", "ECR", "LAMBDA"] },
    violations: [
      { name: "no container image scanning", change: (p) => (p.resourceTypes = ["EC2"]), expect: "does not scan ECR" },
      {
        name: "Lambda required by config",
        change: (p) => (p.resourceTypes = ["EC2", "ECR"]),
        expect: "does not scan LAMBDA_CODE",
        config: { requiredResourceTypes: ["EC2", "ECR", "LAMBDA_CODE"] },
      },
    ],
    unknown: ["resourceTypes"],
  });

  describePolicy({
    policy: iamPasswordPolicyRequireMinLength,
    type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    compliant: {
      minimumPasswordLength: 14,
      passwordReusePrevention: 24,
      maxPasswordAge: 90,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
    },
    alsoCompliant: [{ name: "exactly 14", change: (p) => (p.minimumPasswordLength = 14) }],
    violations: [
      { name: "13 characters", change: (p) => (p.minimumPasswordLength = 13), expect: "below 14" },
      { name: "unset", change: (p) => delete p.minimumPasswordLength, expect: "unset (8)" },
      {
        name: "16 required by config",
        change: (p) => (p.minimumPasswordLength = 15),
        expect: "below 16",
        config: { minimumLength: 16 },
      },
    ],
    unknown: ["minimumPasswordLength"],
  });

  describePolicy({
    policy: iamPasswordPolicyRequireReusePrevention,
    type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    compliant: {
      minimumPasswordLength: 14,
      passwordReusePrevention: 24,
      maxPasswordAge: 90,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
    },
    violations: [
      { name: "23 remembered", change: (p) => (p.passwordReusePrevention = 23), expect: "below 24" },
      { name: "unset", change: (p) => delete p.passwordReusePrevention, expect: "unset" },
    ],
    unknown: ["passwordReusePrevention"],
  });

  describePolicy({
    policy: iamPasswordPolicyRequireMaxAge,
    type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    compliant: {
      minimumPasswordLength: 14,
      passwordReusePrevention: 24,
      maxPasswordAge: 90,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
    },
    alsoCompliant: [{ name: "exactly 90", change: (p) => (p.maxPasswordAge = 90) }],
    violations: [
      { name: "91 days", change: (p) => (p.maxPasswordAge = 91), expect: "allow at most 90" },
      { name: "never expires", change: (p) => delete p.maxPasswordAge, expect: "never expires" },
      { name: "zero", change: (p) => (p.maxPasswordAge = 0), expect: "maxPasswordAge is 0" },
    ],
    unknown: ["maxPasswordAge"],
  });

  describePolicy({
    policy: iamPasswordPolicyRequireLowercase,
    type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    compliant: {
      minimumPasswordLength: 14,
      passwordReusePrevention: 24,
      maxPasswordAge: 90,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
    },
    violations: [
      {
        name: "not required",
        change: (p) => (p.requireLowercaseCharacters = false),
        expect: "requireLowercaseCharacters is off",
      },
    ],
    unknown: ["requireLowercaseCharacters"],
  });

  describePolicy({
    policy: iamPasswordPolicyRequireUppercase,
    type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    compliant: {
      minimumPasswordLength: 14,
      passwordReusePrevention: 24,
      maxPasswordAge: 90,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
    },
    violations: [
      {
        name: "not required",
        change: (p) => (p.requireUppercaseCharacters = false),
        expect: "requireUppercaseCharacters is off",
      },
    ],
    unknown: ["requireUppercaseCharacters"],
  });

  describePolicy({
    policy: iamPasswordPolicyRequireNumbers,
    type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    compliant: {
      minimumPasswordLength: 14,
      passwordReusePrevention: 24,
      maxPasswordAge: 90,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
    },
    violations: [{ name: "not required", change: (p) => (p.requireNumbers = false), expect: "requireNumbers is off" }],
    unknown: ["requireNumbers"],
  });

  describePolicy({
    policy: iamPasswordPolicyRequireSymbols,
    type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    compliant: {
      minimumPasswordLength: 14,
      passwordReusePrevention: 24,
      maxPasswordAge: 90,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
    },
    violations: [{ name: "not required", change: (p) => (p.requireSymbols = false), expect: "requireSymbols is off" }],
    unknown: ["requireSymbols"],
  });

  describePolicy({
    policy: iamUserDisallowConsoleLogin,
    type: "aws:iam/userLoginProfile:UserLoginProfile",
    compliant: { user: "break-glass", passwordLength: 32 },
    violations: [
      { name: "another user", change: (p) => (p.user = "alice"), expect: "User alice gets a console password" },
      {
        name: "no break-glass users configured",
        change: (p) => (p.user = "break-glass"),
        expect: "User break-glass gets",
        config: { breakGlassUsers: [] },
      },
    ],
    unknown: ["user"],
    config: { breakGlassUsers: ["break-glass"] },
  });

  describePolicy({
    policy: iamAccessKeyDisallowCreation,
    type: "aws:iam/accessKey:AccessKey",
    compliant: { user: "legacy", status: "Inactive" },
    violations: [
      { name: "active key", change: (p) => (p.status = "Active"), expect: "is active" },
      { name: "status left at its default (Active)", change: (p) => delete p.status, expect: "is active" },
    ],
    unknown: ["status"],
  });
});
