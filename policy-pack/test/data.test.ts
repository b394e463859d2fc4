import { ecrKms } from "../policies/ecr/repository-require-kms";
import { ecrImmutableTags } from "../policies/ecr/repository-require-immutable-tags";
import { ecrScanOnPush } from "../policies/ecr/repository-require-scan-on-push";
import { logGroupKms } from "../policies/logs/log-group-require-kms";
import { logGroupRetention } from "../policies/logs/log-group-require-retention";
import { secretKms } from "../policies/secretsmanager/secret-require-kms";
import { secretRecoveryWindow } from "../policies/secretsmanager/secret-require-recovery-window";
import { snsKms } from "../policies/sns/topic-require-kms";
import { UNKNOWN_STRING } from "../lib/props";
import { assertEqual, describePolicy, remediate } from "./helpers";

const repo = {
  encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: UNKNOWN_STRING }],
  imageTagMutability: "IMMUTABLE",
  imageScanningConfiguration: { scanOnPush: true },
};

describe("policy-pack logs, secretsmanager, sns, ecr", () => {
  describePolicy({
    policy: logGroupKms,
    type: "aws:cloudwatch/logGroup:LogGroup",
    compliant: { retentionInDays: 365, kmsKeyId: UNKNOWN_STRING },
    violations: [{ name: "no key", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" }],
  });
  describePolicy({
    policy: logGroupRetention,
    type: "aws:cloudwatch/logGroup:LogGroup",
    compliant: { retentionInDays: 365, kmsKeyId: UNKNOWN_STRING },
    alsoCompliant: [
      { name: "30 days where the stack config allows it", change: (p) => (p.retentionInDays = 30), config: { minimumDays: 30 } },
    ],
    violations: [
      { name: "30 days", change: (p) => (p.retentionInDays = 30), expect: "retentionInDays is 30; keep at least 365" },
      { name: "never expire", change: (p) => delete p.retentionInDays, expect: "kept forever" },
      { name: "retention 0 (never expire)", change: (p) => (p.retentionInDays = 0), expect: "kept forever" },
    ],
    unknown: ["retentionInDays"],
  });
  describePolicy({
    policy: secretKms,
    type: "aws:secretsmanager/secret:Secret",
    compliant: { kmsKeyId: UNKNOWN_STRING, recoveryWindowInDays: 30 },
    violations: [{ name: "AWS-managed key", change: (p) => delete p.kmsKeyId, expect: "aws/secretsmanager" }],
  });
  describePolicy({
    policy: secretRecoveryWindow,
    type: "aws:secretsmanager/secret:Secret",
    compliant: { kmsKeyId: UNKNOWN_STRING, recoveryWindowInDays: 30 },
    alsoCompliant: [
      { name: "the default window", change: (p) => delete p.recoveryWindowInDays },
      { name: "exactly the minimum", change: (p) => (p.recoveryWindowInDays = 7), config: { minimumDays: 7 } },
      {
        name: "the default window (30) against a 30-day minimum",
        change: (p) => delete p.recoveryWindowInDays,
        config: { minimumDays: 30 },
      },
    ],
    violations: [
      { name: "force delete", change: (p) => (p.recoveryWindowInDays = 0), expect: "recoveryWindowInDays is 0" },
      {
        name: "one day short of the minimum",
        change: (p) => (p.recoveryWindowInDays = 6),
        config: { minimumDays: 7 },
        expect: "recoveryWindowInDays is 6",
      },
    ],
    unknown: ["recoveryWindowInDays"],
  });
  describePolicy({
    policy: snsKms,
    type: "aws:sns/topic:Topic",
    compliant: { kmsMasterKeyId: UNKNOWN_STRING },
    violations: [
      { name: "no key", change: (p) => delete p.kmsMasterKeyId, expect: "No kmsMasterKeyId" },
      { name: "the AWS-managed key", change: (p) => (p.kmsMasterKeyId = "alias/aws/sns"), expect: "alias/aws/sns" },
    ],
  });
  describePolicy({
    policy: ecrKms,
    type: "aws:ecr/repository:Repository",
    compliant: repo,
    violations: [
      { name: "AES256 (default)", change: (p) => delete p.encryptionConfigurations, expect: "AES256 (default)" },
      { name: "KMS without a key", change: (p) => delete p.encryptionConfigurations[0].kmsKey, expect: "aws/ecr" },
      {
        name: "AES256 named explicitly",
        change: (p) => (p.encryptionConfigurations = [{ encryptionType: "AES256" }]),
        expect: "AES256",
      },
    ],
    alsoCompliant: [{ name: "DSSE-KMS", change: (p) => (p.encryptionConfigurations[0].encryptionType = "KMS_DSSE") }],
    unknown: ["encryptionConfigurations"],
  });
  describePolicy({
    policy: ecrImmutableTags,
    type: "aws:ecr/repository:Repository",
    compliant: repo,
    violations: [
      { name: "mutable tags", change: (p) => (p.imageTagMutability = "MUTABLE"), expect: "imageTagMutability is MUTABLE" },
      {
        name: "unset (MUTABLE by default)",
        change: (p) => delete p.imageTagMutability,
        expect: "imageTagMutability is MUTABLE;",
      },
    ],
    alsoCompliant: [{ name: "immutable with exclusions", change: (p) => (p.imageTagMutability = "IMMUTABLE_WITH_EXCLUSION") }],
    unknown: ["imageTagMutability"],
  });
  describePolicy({
    policy: ecrScanOnPush,
    type: "aws:ecr/repository:Repository",
    compliant: repo,
    violations: [
      { name: "scan on push off", change: (p) => (p.imageScanningConfiguration.scanOnPush = false), expect: "scanOnPush is off" },
      { name: "no scanning configuration", change: (p) => delete p.imageScanningConfiguration, expect: "scanOnPush is off" },
    ],
    alsoCompliant: [{ name: "scan on push as a string", change: (p) => (p.imageScanningConfiguration.scanOnPush = "true") }],
    unknown: ["imageScanningConfiguration.scanOnPush"],
  });
  it("remediation turns scan on push on and keeps the other properties", async () => {
    const fixed = await remediate(ecrScanOnPush, {
      type: "aws:ecr/repository:Repository",
      props: { ...repo, imageScanningConfiguration: { scanOnPush: false } },
    });
    assertEqual(
      [fixed?.imageScanningConfiguration, fixed?.imageTagMutability],
      [{ scanOnPush: true }, "IMMUTABLE"],
      "remediated",
    );
  });
});
