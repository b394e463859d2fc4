import { strict as assert } from "node:assert";
import { ofType, RegisteredResource, runStack, StackRun } from "../../tools/harness";
import { StackName, stackRun, stackRunWith } from "../support/stacks";

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const inputs = (r: RegisteredResource) => r.inputs as Inputs;
const VAULT = "aws:backup/vault:Vault";
const PLAN = "aws:backup/plan:Plan";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const providerName = (r: RegisteredResource) => r.provider?.split("::")[3];

function named(run: StackRun, type: string, name: string): RegisteredResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  assert.ok(found, `${type} "${name}" was not registered`);
  return found;
}
const rulesOf = (run: StackRun, tier: string) => inputs(named(run, PLAN, `plan-${tier}`)).rules as Inputs[];

/** Per stack: retention days by tier and rule, lock mode, DR copy, restore tests. */
const WANT = {
  dev: { database: { daily: 7 }, volumes: 3, customer: 7, lock: undefined, dr: false, restoreTests: false },
  staging: { database: { daily: 14 }, volumes: 7, customer: 14, lock: undefined, dr: false, restoreTests: true },
  prod: { database: { daily: 35, monthly: 365 }, volumes: 14, customer: 35, lock: "compliance", dr: true, restoreTests: true },
} as const;

for (const [stack, want] of Object.entries(WANT)) {
  describe(`backup (${stack})`, () => {
    let run: StackRun;
    before(async () => {
      run = await stackRun(stack as StackName);
    });

    it("has one vault in the stack's region, encrypted with its own rotating customer-managed key, protected in prod", () => {
      const vault = named(run, VAULT, "vault");
      assert.equal(providerName(vault), "aws");
      const key = named(run, "aws:kms/key:Key", "vault-key");
      assert.equal(inputs(key).enableKeyRotation, true);
      assert.equal(inputs(vault).kmsKeyArn, `arn:aws:kms:eu-central-1:111122223333:key/vault-key-id`);
      assert.equal(inputs(vault).forceDestroy, false);
      assert.equal(vault.protect, stack === "prod");
    });

    it(`keeps database snapshots ${JSON.stringify(want.database)} days, monitoring volumes ${want.volumes}, customer data ${want.customer}`, () => {
      const db = Object.fromEntries(
        rulesOf(run, "database").map((r) => [r.ruleName.replace("database-", ""), r.lifecycle.deleteAfter]),
      );
      assert.deepEqual(db, want.database);
      assert.deepEqual(
        rulesOf(run, "monitoring-volumes").map((r) => r.lifecycle.deleteAfter),
        [want.volumes],
      );
      assert.deepEqual(
        rulesOf(run, "customer-data").map((r) => r.lifecycle.deleteAfter),
        [want.customer],
      );
      for (const tier of ["database", "monitoring-volumes", "customer-data"]) {
        for (const r of rulesOf(run, tier)) {
          assert.match(r.schedule, /^cron\(/, `${tier} ${r.ruleName}`);
          assert.equal(r.targetVaultName, inputs(named(run, VAULT, "vault")).name);
        }
      }
    });

    it("selects the database primary by ARN and the volumes and customer-data buckets by their BackupTier tag", () => {
      const primary = named(run, "aws:rds/instance:Instance", "primary");
      const db = inputs(named(run, "aws:backup/selection:Selection", "selection-database"));
      assert.deepEqual(db.resources, [`arn:aws:rds:eu-central-1:111122223333:db:${inputs(primary).identifier}`]);
      for (const tier of ["monitoring-volumes", "customer-data"]) {
        const s = inputs(named(run, "aws:backup/selection:Selection", `selection-${tier}`));
        assert.deepEqual(s.selectionTags, [{ type: "STRINGEQUALS", key: "BackupTier", value: tier }]);
      }
      // The monitoring StorageClass tags every volume it provisions with that tier.
      const sc = inputs(named(run, "kubernetes:storage.k8s.io/v1:StorageClass", "monitoring-gp3"));
      assert.equal(sc.parameters.tagSpecification_1, "BackupTier=monitoring-volumes");
    });

    it("the backup role is assumable by AWS Backup, with the documented trust and managed policies", () => {
      const role = inputs(named(run, "aws:iam/role:Role", "backup-role"));
      const trust = JSON.parse(role.assumeRolePolicy);
      assert.deepEqual(trust.Statement[0].Principal, { Service: "backup.amazonaws.com" });
      // AWS Backup's default service role trusts the service with no condition (lib/iam.ts cites the page).
      assert.equal(trust.Statement[0].Condition, undefined);
      const attached = ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
        .filter((a) => inputs(a).role === role.name)
        .map((a) => inputs(a).policyArn);
      assert.equal(attached.length, 4);
      for (const arn of attached) assert.match(arn, /^arn:aws:iam::aws:policy\/(service-role\/)?AWSBackupServiceRolePolicyFor/);
    });

    if (want.dr) {
      it("copies every recovery point to a vault in the DR region (own key there), with the same retention", () => {
        const dr = named(run, VAULT, "dr-vault");
        assert.equal(providerName(dr), "aws-dr");
        assert.equal(providerName(named(run, "aws:kms/key:Key", "dr-vault-key")), "aws-dr");
        assert.equal(dr.protect, true);
        for (const tier of ["database", "monitoring-volumes", "customer-data"]) {
          for (const r of rulesOf(run, tier)) {
            assert.equal(r.copyActions.length, 1, `${tier} ${r.ruleName}`);
            assert.equal(r.copyActions[0].destinationVaultArn, `arn:aws:backup:eu-central-1:111122223333:${inputs(dr).name}`);
            assert.deepEqual(r.copyActions[0].lifecycle, r.lifecycle);
          }
        }
      });
    } else {
      it("has no DR vault and no copy actions (no DR region)", () => {
        assert.equal(ofType(run, VAULT).length, 1);
        for (const p of ofType(run, PLAN)) for (const r of inputs(p).rules) assert.deepEqual(r.copyActions, []);
      });
    }

    if (want.lock) {
      it(`locks both vaults in ${want.lock} mode (3-day grace time), minimum retention below every rule's`, () => {
        for (const name of ["vault-lock", "dr-vault-lock"]) {
          const lock = named(run, LOCK, name);
          assert.equal(inputs(lock).changeableForDays, 3, name);
          assert.equal(lock.protect, true);
          assert.ok(inputs(lock).minRetentionDays <= want.volumes);
          assert.ok(inputs(lock).maxRetentionDays >= want.database.daily);
        }
      });
    } else {
      it("has no vault lock", () => assert.equal(ofType(run, LOCK).length, 0));
    }

    if (want.restoreTests) {
      it("restore-tests the database (into its subnet group and security group) and the volumes weekly, latest recovery point", () => {
        const plan = inputs(named(run, "aws:backup/restoreTestingPlan:RestoreTestingPlan", "restore-testing"));
        assert.match(plan.scheduleExpression, /^cron\(.* \? \* TUE \*\)$/);
        assert.match(plan.name, /^[A-Za-z0-9_]+$/);
        assert.equal(plan.recoveryPointSelection.algorithm, "LATEST_WITHIN_WINDOW");
        assert.deepEqual(plan.recoveryPointSelection.includeVaults, [
          `arn:aws:backup:eu-central-1:111122223333:${inputs(named(run, VAULT, "vault")).name}`,
        ]);
        const db = inputs(named(run, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "restore-testing-database"));
        assert.equal(db.protectedResourceType, "RDS");
        assert.equal(db.restoreTestingPlanName, plan.name);
        const subnets = inputs(named(run, "aws:rds/subnetGroup:SubnetGroup", "db-subnets"));
        assert.equal(db.restoreMetadataOverrides.dbSubnetGroupName, subnets.name);
        assert.deepEqual(JSON.parse(db.restoreMetadataOverrides.vpcSecurityGroupIds), ["db-sg-id"]);
        const ebs = inputs(
          named(run, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "restore-testing-monitoring-volumes"),
        );
        assert.equal(ebs.protectedResourceType, "EBS");
        assert.deepEqual(ebs.protectedResourceConditions.stringEquals, [
          { key: "aws:ResourceTag/BackupTier", value: "monitoring-volumes" },
        ]);
      });
    } else {
      it("has no restore-testing plan", () =>
        assert.equal(ofType(run, "aws:backup/restoreTestingPlan:RestoreTestingPlan").length, 0));
    }

    it("alerts on failed backup, copy and restore jobs through EventBridge to the alert topic, which allows EventBridge", () => {
      for (const key of ["backup-job-failed", "restore-job-failed"]) {
        const pattern = JSON.parse(inputs(named(run, "aws:cloudwatch/eventRule:EventRule", key)).eventPattern);
        assert.deepEqual(pattern.source, ["aws.backup"]);
        assert.ok(pattern.detail.state.includes("FAILED"));
        const target = inputs(named(run, "aws:cloudwatch/eventTarget:EventTarget", `${key}-alert`));
        assert.match(target.arn, /^arn:aws:sns:.*-alerts$/);
        assert.match(target.deadLetterConfig.arn, /backup-alerts-dlq$/);
      }
      const topicPolicy = JSON.parse(inputs(named(run, "aws:sns/topicPolicy:TopicPolicy", "alerts-policy")).policy);
      assert.ok(topicPolicy.Statement.some((s: Inputs) => s.Principal.Service === "events.amazonaws.com" && s.Condition));
      const keyPolicy = JSON.parse(inputs(named(run, "aws:kms/key:Key", "alerts-key")).policy);
      assert.ok(keyPolicy.Statement.some((s: Inputs) => s.Principal.Service === "events.amazonaws.com"));
    });
  });
}

describe("backup config", () => {
  const governance = stackRunWith("prod", { config: { backup: JSON.stringify({ vaultLock: "governance" }) } });
  it("governance mode leaves changeableForDays unset on both prod vault locks", async () => {
    const run = await governance;
    for (const name of ["vault-lock", "dr-vault-lock"]) assert.equal(inputs(named(run, LOCK, name)).changeableForDays, undefined);
  });

  it("rejects turning the vault lock off in prod and an unknown mode, naming the key", async () => {
    for (const [value, allowed] of [
      ["none", /"governance" or "compliance" in prod/],
      ["worm", /one of "none", "governance", "compliance"/],
    ] as const) {
      await assert.rejects(
        runStack("prod", { config: { backup: JSON.stringify({ vaultLock: value }) } }),
        (e: Error) =>
          /stack "prod"/.test(e.message) &&
          /"b2b-commerce:backup.vaultLock" is "[a-z]+"; allowed: /.test(e.message) &&
          allowed.test(e.message),
      );
    }
  });
});
