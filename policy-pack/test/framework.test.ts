/**
 * The pack's framework under the server's own analysis path: config defaults when `getConfig()`
 * returns {}, unknown values at preview, enforcement levels as the server applies them.
 */
import * as assert from "node:assert/strict";
import { readConfig, resourcePolicy } from "../lib/policy";
import { UNKNOWN_BOOLEAN, UNKNOWN_STRING } from "../lib/props";
import { rdsStorageEncryption } from "../policies/rds/instance-require-storage-encryption";
import { logGroupRetention } from "../policies/logs/log-group-require-retention";
import { kmsKeyRequireRotation } from "../policies/kms/key-require-rotation";
import { iamNoWildcardAction } from "../policies/iam/policy-disallow-wildcard-action";
import { analyze, remediate } from "./helpers";

const RDS = "aws:rds/instance:Instance";

describe("policy-pack framework", () => {
  it("applies the configSchema defaults when getConfig() returns {} (no CLI offline)", async () => {
    const r = await analyze(logGroupRetention, {
      type: "aws:cloudwatch/logGroup:LogGroup",
      props: { retentionInDays: 90, kmsKeyId: "k" },
    });
    assert.match(r.violations[0] ?? "", /keep at least 365/);
  });

  it("merges configured values over the defaults and ignores enforcementLevel", () => {
    assert.deepEqual(readConfig({ a: 1, b: [1] }, { b: [2], enforcementLevel: "advisory" }), { a: 1, b: [2] });
  });

  it("reports a known violation although another value it reads is unknown, with no preview advisory", async () => {
    const r = await analyze(rdsStorageEncryption, { type: RDS, props: { storageEncrypted: UNKNOWN_BOOLEAN } });
    assert.deepEqual([r.violations.length, r.cannotRunAtPreview], [1, false]);
    assert.match(r.violations[0], /No kmsKeyId/);
  });

  it("turns an undecidable value into the server's advisory, naming the property", async () => {
    const r = await analyze(rdsStorageEncryption, {
      type: RDS,
      props: { storageEncrypted: UNKNOWN_BOOLEAN, kmsKeyId: UNKNOWN_STRING },
    });
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].enforcementLevel, "advisory");
    assert.match(
      r.diagnostics[0].message,
      /can't run policy 'aws-rds-instance-require-storage-encryption'.*during preview: boolean value at \.storageEncrypted/,
    );
  });

  it("counts an unknown key ARN as a key that is set (no finding, no advisory)", async () => {
    const r = await analyze(rdsStorageEncryption, { type: RDS, props: { storageEncrypted: true, kmsKeyId: UNKNOWN_STRING } });
    assert.deepEqual(r.diagnostics, []);
  });

  it("reports at the configured level: advisory stays advisory, disabled runs nothing", async () => {
    const props = { storageEncrypted: false };
    const advisory = await analyze(rdsStorageEncryption, { type: RDS, props }, { level: "advisory" });
    const disabled = await analyze(rdsStorageEncryption, { type: RDS, props }, { level: "disabled" });
    assert.deepEqual([advisory.diagnostics.map((d) => d.enforcementLevel), disabled.diagnostics], [["advisory", "advisory"], []]);
  });

  it("reports a remediable policy at level remediate as mandatory when analysis still finds a violation", async () => {
    const r = await analyze(
      kmsKeyRequireRotation,
      { type: "aws:kms/key:Key", props: { enableKeyRotation: false } },
      { level: "remediate" },
    );
    assert.deepEqual(
      r.diagnostics.map((d) => d.enforcementLevel),
      ["mandatory"],
    );
  });

  it("does not remediate what is already compliant", async () => {
    assert.equal(
      await remediate(kmsKeyRequireRotation, { type: "aws:kms/key:Key", props: { enableKeyRotation: true } }),
      undefined,
    );
  });

  it("marks single-type policies for the server's fast not-applicable path", async () => {
    const r = await analyze(rdsStorageEncryption, { type: "aws:s3/bucket:Bucket", props: { storageEncrypted: UNKNOWN_BOOLEAN } });
    assert.deepEqual([r.notApplicable, r.diagnostics], [[rdsStorageEncryption.name], []]);
  });

  it("rejects a policy name that does not follow the naming scheme", () => {
    assert.throws(
      () =>
        resourcePolicy({
          name: "rds-encryption",
          description: "x",
          severity: "low",
          remediationSteps: "x",
          controls: { none: "test" },
          topic: "encryption",
          category: "security",
          types: [RDS],
          validate: () => undefined,
        }),
      /does not follow/,
    );
  });

  it("reports an unexpected property shape as a violation of that policy instead of failing the analysis", async () => {
    const r = await analyze(iamNoWildcardAction, { type: "aws:iam/role:Role", props: { inlinePolicies: "not-a-list" } });
    assert.equal(r.diagnostics.length, 1);
    assert.match(r.diagnostics[0].message, /could not evaluate this resource/);
  });
});
