import { rdsNotPublic } from "../policies/rds/instance-disallow-public-access";
import { rdsPerformanceInsightsKms } from "../policies/rds/instance-performance-insights-require-kms";
import { rdsBackupRetention } from "../policies/rds/instance-require-backup-retention";
import { rdsDeletionProtection } from "../policies/rds/instance-require-deletion-protection";
import { rdsFinalSnapshot } from "../policies/rds/instance-require-final-snapshot";
import { rdsLogExports } from "../policies/rds/instance-require-log-exports";
import { rdsMultiAz } from "../policies/rds/instance-require-multi-az";
import { rdsPinnedEngineVersion } from "../policies/rds/instance-require-pinned-engine-version";
import { rdsStorageEncryption } from "../policies/rds/instance-require-storage-encryption";
import { rdsForceSsl } from "../policies/rds/parameter-group-require-force-ssl";
import { UNKNOWN_STRING } from "../lib/props";
import { analyze, assertEqual, describePolicy } from "./helpers";

const T = "aws:rds/instance:Instance";
/** A production primary as the database component creates it; the key ARN is unknown at preview. */
const primary = {
  engine: "postgres",
  engineVersion: "17.6",
  instanceClass: "db.r7g.large",
  storageEncrypted: true,
  kmsKeyId: UNKNOWN_STRING,
  publiclyAccessible: false,
  deletionProtection: true,
  backupRetentionPeriod: 14,
  skipFinalSnapshot: false,
  finalSnapshotIdentifier: "b2b-prod-db-final",
  multiAz: true,
  performanceInsightsEnabled: true,
  performanceInsightsKmsKeyId: UNKNOWN_STRING,
  enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
};
/** A same-region read replica. */
const replica = (p: Record<string, unknown>) => {
  for (const k of [
    "engine",
    "engineVersion",
    "backupRetentionPeriod",
    "finalSnapshotIdentifier",
    "skipFinalSnapshot",
    "multiAz",
    "enabledCloudwatchLogsExports",
    "storageEncrypted",
  ])
    delete p[k];
  p.replicateSourceDb = "b2b-prod-db";
};

describe("policy-pack rds", () => {
  describePolicy({
    policy: rdsStorageEncryption,
    type: T,
    compliant: primary,
    alsoCompliant: [{ name: "a same-region replica inheriting encryption, with its key", change: replica }],
    violations: [
      { name: "storage not encrypted", change: (p) => (p.storageEncrypted = false), expect: "storageEncrypted is not true" },
      { name: "no customer-managed key", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" },
      { name: "a replica without a key", change: (p) => (replica(p), delete p.kmsKeyId), expect: "No kmsKeyId" },
    ],
  });
  describePolicy({
    policy: rdsNotPublic,
    type: T,
    compliant: primary,
    violations: [
      { name: "publicly accessible", change: (p) => (p.publiclyAccessible = true), expect: "publiclyAccessible is true" },
    ],
  });
  describePolicy({
    policy: rdsDeletionProtection,
    type: T,
    compliant: primary,
    alsoCompliant: [{ name: "an Aurora cluster with protection", type: "aws:rds/cluster:Cluster", change: () => undefined }],
    violations: [
      { name: "deletion protection off", change: (p) => (p.deletionProtection = false), expect: "deletionProtection is off" },
    ],
  });
  describePolicy({
    policy: rdsBackupRetention,
    type: T,
    compliant: primary,
    alsoCompliant: [
      { name: "a replica (no backups)", change: replica },
      {
        name: "1 day where the stack config allows it",
        change: (p) => (p.backupRetentionPeriod = 1),
        config: { minimumDays: 1 },
      },
    ],
    violations: [
      {
        name: "backups off",
        change: (p) => (p.backupRetentionPeriod = 0),
        expect: "backupRetentionPeriod is 0; keep at least 7",
      },
      {
        name: "retention unset (provider default 0)",
        change: (p) => delete p.backupRetentionPeriod,
        expect: "backupRetentionPeriod is 0",
      },
    ],
    unknown: ["backupRetentionPeriod"],
  });
  describePolicy({
    policy: rdsFinalSnapshot,
    type: T,
    compliant: primary,
    alsoCompliant: [{ name: "a replica", change: replica }],
    violations: [
      { name: "skipFinalSnapshot", change: (p) => (p.skipFinalSnapshot = true), expect: "skipFinalSnapshot is true" },
      { name: "no snapshot identifier", change: (p) => delete p.finalSnapshotIdentifier, expect: "No finalSnapshotIdentifier" },
    ],
    unknown: ["skipFinalSnapshot"],
  });
  describePolicy({
    policy: rdsMultiAz,
    type: T,
    compliant: primary,
    alsoCompliant: [{ name: "a replica", change: replica }],
    violations: [{ name: "single AZ", change: (p) => (p.multiAz = false), expect: "multiAz is off" }],
  });
  describePolicy({
    policy: rdsPerformanceInsightsKms,
    type: T,
    compliant: primary,
    alsoCompliant: [
      {
        name: "Performance Insights off",
        change: (p) => ((p.performanceInsightsEnabled = false), delete p.performanceInsightsKmsKeyId),
      },
    ],
    violations: [
      {
        name: "PI without a key",
        change: (p) => delete p.performanceInsightsKmsKeyId,
        expect: "without performanceInsightsKmsKeyId",
      },
    ],
  });
  describePolicy({
    policy: rdsPinnedEngineVersion,
    type: T,
    compliant: primary,
    alsoCompliant: [
      { name: "a replica", change: replica },
      { name: "an Aurora MySQL version", change: (p) => (p.engineVersion = "8.0.mysql_aurora.3.08.2") },
    ],
    violations: [
      {
        name: "no engine version",
        change: (p) => delete p.engineVersion,
        expect: "No engineVersion: AWS would pick the current default. Pin it.",
      },
      {
        name: "an engine name instead of a version",
        change: (p) => (p.engineVersion = "postgres17"),
        expect: "No engineVersion",
      },
      { name: "a number, not a string", change: (p) => (p.engineVersion = 17.6), expect: "No engineVersion" },
    ],
    unknown: ["engineVersion"],
  });
  describePolicy({
    policy: rdsPinnedEngineVersion,
    type: "aws:rds/cluster:Cluster",
    compliant: { engine: "aurora-postgresql", engineVersion: "16.6" },
    violations: [{ name: "no engine version", change: (p) => delete p.engineVersion, expect: "No engineVersion" }],
  });
  describePolicy({
    policy: rdsLogExports,
    type: T,
    compliant: primary,
    violations: [
      { name: "no log exports", change: (p) => (p.enabledCloudwatchLogsExports = []), expect: "No log exports" },
      { name: "log exports unset", change: (p) => delete p.enabledCloudwatchLogsExports, expect: "No log exports" },
    ],
    alsoCompliant: [{ name: "a replica (its source exports)", change: replica }],
    unknown: ["enabledCloudwatchLogsExports"],
  });
  describePolicy({
    policy: rdsForceSsl,
    type: "aws:rds/parameterGroup:ParameterGroup",
    compliant: { family: "postgres17", parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }] },
    alsoCompliant: [
      {
        name: "MySQL with require_secure_transport",
        change: (p) => ((p.family = "mysql8.4"), (p.parameters = [{ name: "require_secure_transport", value: "1" }])),
      },
    ],
    violations: [
      { name: "force_ssl 0", change: (p) => (p.parameters[0].value = "0"), expect: "rds.force_ssl is 0" },
      { name: "force_ssl missing", change: (p) => (p.parameters = []), expect: "rds.force_ssl is not set" },
      {
        name: "MySQL without require_secure_transport",
        change: (p) => ((p.family = "mysql8.4"), (p.parameters = [])),
        expect: "require_secure_transport is not set. Add require_secure_transport=1.",
      },
      {
        name: "no parameters at all",
        change: (p) => delete p.parameters,
        expect: "rds.force_ssl is not set. Add rds.force_ssl=1.",
      },
      {
        name: "force_ssl off, spelt OFF",
        change: (p) => (p.parameters = [{ name: "rds.force_ssl", value: "off" }]),
        expect: "rds.force_ssl is off. Set it to 1.",
      },
      {
        name: "SQL Server without rds.force_ssl",
        change: (p) => ((p.family = "sqlserver-se-16.0"), (p.parameters = [{ name: "require_secure_transport", value: "1" }])),
        expect: "rds.force_ssl is not set",
      },
      {
        name: "MariaDB without require_secure_transport",
        change: (p) => ((p.family = "mariadb11.4"), (p.parameters = [{ name: "rds.force_ssl", value: "1" }])),
        expect: "require_secure_transport is not set",
      },
      {
        name: "an Aurora PostgreSQL cluster group with force_ssl 0",
        change: (p) => ((p.family = "aurora-postgresql16"), (p.parameters = [{ name: "rds.force_ssl", value: "0" }])),
        expect: "rds.force_ssl is 0.",
      },
    ],
    unknown: ["family", "parameters", "parameters.0.value"],
  });
  describePolicy({
    policy: rdsForceSsl,
    type: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    compliant: { family: "aurora-mysql8.0", parameters: [{ name: "require_secure_transport", value: "ON" }] },
    alsoCompliant: [
      { name: "an Oracle family (TLS through option groups)", change: (p) => ((p.family = "oracle-ee-19"), (p.parameters = [])) },
      { name: "the value in lower case (on)", change: (p) => (p.parameters[0].value = "on") },
      {
        name: "the value as a number",
        change: (p) =>
          (p.parameters = [
            { name: "other", value: "0" },
            { name: "require_secure_transport", value: 1 },
          ]),
      },
    ],
    violations: [
      {
        name: "require_secure_transport OFF",
        change: (p) => (p.parameters[0].value = "OFF"),
        expect: "require_secure_transport is OFF. Set it to 1.",
      },
    ],
  });
  it("a known violation is reported even when other values are unknown at preview", async () => {
    const r = await analyze(rdsStorageEncryption, {
      type: T,
      props: { ...primary, storageEncrypted: false, kmsKeyId: UNKNOWN_STRING },
    });
    assertEqual([r.violations.length, r.diagnostics[0].enforcementLevel], [1, "mandatory"], "result");
  });
});
