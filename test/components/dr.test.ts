import { strict as assert } from "node:assert";
import { ofType, RegisteredResource, runStack, StackRun } from "../../tools/harness";
import { withEngineUrns } from "../../tools/urns";
import { stackRun, stackRunWith } from "../support/stacks";

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const inputs = (r: RegisteredResource) => r.inputs as Inputs;
const providerName = (r: RegisteredResource) => r.provider?.split("::")[3];
const DR = "eu-west-1";

function named(run: StackRun, type: string, name: string, parentType?: string): RegisteredResource {
  const found = run.resources.find(
    (r) => r.type === type && r.name === name && (!parentType || (r.parent ?? "").includes(parentType)),
  );
  assert.ok(found, `${type} "${name}"${parentType ? ` under ${parentType}` : ""} was not registered`);
  return found;
}
const drVpc = (run: StackRun) => named(run, "awsx:ec2:Vpc", "vpc", "b2b:dr:DrRegion");

describe("DR region (prod, pilot light)", () => {
  let run: StackRun;
  before(async () => {
    // URNs as the engine computes them (the parents' whole type chain), to tell the DR network apart.
    run = withEngineUrns(await stackRun("prod"));
  });

  it("builds a network in the DR region with the same three tiers over three zones, its own CIDR, no NAT", () => {
    const vpc = drVpc(run);
    const i = inputs(vpc);
    assert.deepEqual(i.availabilityZoneNames, [`${DR}a`, `${DR}b`, `${DR}c`]);
    assert.equal(i.cidrBlock, "10.130.0.0/16");
    assert.deepEqual(i.natGateways, { strategy: "None" });
    assert.equal(i.tags.DrState, "pilot-light");
    const home = inputs(run.resources.find((r) => r.type === "awsx:ec2:Vpc" && !(r.parent ?? "").includes("DrRegion"))!);
    assert.deepEqual(
      i.subnetSpecs.map((s: Inputs) => [s.type, s.cidrBlocks.length]),
      home.subnetSpecs.map((s: Inputs) => [s.type, s.cidrBlocks.length]),
    );
    assert.notEqual(i.cidrBlock, home.cidrBlock);
    // Every resource of the DR network uses the DR provider (its region), e.g. its flow logs.
    const drChildren = run.resources.filter((r) => r.custom && r.urn.includes("b2b:dr:DrRegion$b2b:network:Network$"));
    assert.ok(drChildren.length > 3);
    for (const r of drChildren) assert.equal(providerName(r), "aws-dr", r.urn);
    assert.equal(
      ofType(run, "aws:ec2/vpcEndpoint:VpcEndpoint").filter(
        (e) => providerName(e) === "aws-dr" && inputs(e).vpcEndpointType === "Interface",
      ).length,
      0,
    );
  });

  it("names DR resources apart from the home region's (global IAM names must not collide)", () => {
    const roles = ofType(run, "aws:iam/role:Role").map((r) => inputs(r).name as string);
    assert.equal(new Set(roles).size, roles.length, roles.join(", "));
    const urns = run.resources.map((r) => r.urn);
    assert.equal(new Set(urns).size, urns.length);
  });

  it("has the DR keys in the DR region: the database's (replica, replicated backups) and the backup vault's", () => {
    for (const key of ["db-dr-key", "dr-vault-key"]) {
      const k = named(run, "aws:kms/key:Key", key);
      assert.equal(providerName(k), "aws-dr");
      assert.equal(inputs(k).enableKeyRotation, true);
      assert.equal(k.protect, true);
    }
  });

  it("places the cross-region replica in the DR network's isolated subnets, encrypted with the DR key, replicating, protected", () => {
    const replica = named(run, "aws:rds/instance:Instance", "dr-replica");
    assert.equal(providerName(replica), "aws-dr");
    assert.equal(inputs(replica).replicateSourceDb, "arn:aws:rds:eu-central-1:111122223333:db:b2b-commerce-prod-postgres");
    assert.equal(inputs(replica).kmsKeyId, `arn:aws:kms:eu-central-1:111122223333:key/db-dr-key-id`);
    assert.equal(replica.protect, true);
    const group = inputs(named(run, "aws:rds/subnetGroup:SubnetGroup", "dr-subnets"));
    assert.deepEqual(group.subnetIds, run.outputs.drIsolatedSubnetIds);
    assert.deepEqual(group.subnetIds, [
      "subnet-vpc-eu-west-1-isolated-0",
      "subnet-vpc-eu-west-1-isolated-1",
      "subnet-vpc-eu-west-1-isolated-2",
    ]);
    assert.equal(inputs(named(run, "aws:ec2/securityGroup:SecurityGroup", "dr-sg")).vpcId, run.outputs.drVpcId);
    assert.equal(
      ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.name.startsWith("dr-sg-clients"))
        .length,
      0,
    );
  });

  it("runs no cluster in the DR region in pilot light", () => {
    assert.equal(run.resources.filter((r) => r.urn.includes("b2b:dr:DrRegion$b2b:cluster:Cluster")).length, 0);
    assert.equal(run.outputs.drMode, "pilot-light");
  });

  it("health-checks the public hosts and publishes failover PRIMARY records for the ALB-backed hosts", () => {
    const checks = ofType(run, "aws:route53/healthCheck:HealthCheck").map(inputs);
    assert.deepEqual(checks.map((c) => c.fqdn).sort(), ["api.shop.example.com", "www.shop.example.com"]);
    for (const c of checks) {
      assert.equal(c.type, "HTTPS");
      assert.equal(c.resourcePath, "/healthz");
      assert.equal(c.failureThreshold, 3);
    }
    for (const host of ["api.shop.example.com", "origin.shop.example.com"]) {
      const r = inputs(named(run, "aws:route53/record:Record", `${host}-a`));
      assert.deepEqual(r.failoverRoutingPolicies, [{ type: "PRIMARY" }], host);
      assert.equal(r.setIdentifier, "primary");
      assert.equal(r.healthCheckId, "health-api-id");
    }
    // No secondary until the DR load balancer exists (dr.standbyOrigin).
    assert.equal(ofType(run, "aws:route53/record:Record").filter((r) => r.name.endsWith("-secondary")).length, 0);
  });
});

for (const stack of ["dev", "staging"] as const) {
  describe(`DR region (${stack}: none)`, () => {
    it("has no DR network, replica, health checks or failover records", async () => {
      const run = await stackRun(stack);
      assert.equal(run.resources.filter((r) => r.type === "b2b:dr:DrRegion").length, 0);
      assert.equal(run.resources.filter((r) => r.name === "dr-replica").length, 0);
      assert.equal(ofType(run, "aws:route53/healthCheck:HealthCheck").length, 0);
      for (const r of ofType(run, "aws:route53/record:Record")) assert.equal(inputs(r).failoverRoutingPolicies, undefined);
    });
  });
}

describe("DR failover (prod, dr.mode promoted then active)", () => {
  const standbyOrigin = { dnsName: "b2b-dr-alb-1.eu-west-1.elb.amazonaws.com", zoneId: "Z32O12XQLNTSW2" };
  let promoted: StackRun;
  let active: StackRun;
  const runs = [
    stackRunWith("prod", { config: { dr: JSON.stringify({ mode: "promoted", standbyOrigin }) } }),
    stackRunWith("prod", { config: { dr: JSON.stringify({ mode: "active", standbyOrigin }) } }),
  ];
  before(async () => {
    promoted = withEngineUrns(await runs[0]);
    active = await runs[1];
  });

  it("step 1 promotes the replica (no source), backups still off; step 2 re-enables backups and Multi-AZ", () => {
    const p = inputs(named(promoted, "aws:rds/instance:Instance", "dr-replica"));
    assert.equal(p.replicateSourceDb, undefined);
    assert.equal(p.backupRetentionPeriod, undefined);
    assert.equal(p.skipFinalSnapshot, false);
    const a = inputs(named(active, "aws:rds/instance:Instance", "dr-replica"));
    assert.equal(a.replicateSourceDb, undefined);
    assert.equal(a.backupRetentionPeriod, 14);
    assert.equal(a.multiAz, true);
  });

  it("drops the DR replica-lag alarm once promoted (no source to lag behind); its event alerts stay", () => {
    for (const run of [promoted, active]) {
      assert.equal(run.resources.filter((r) => r.name === "alarm-postgres-dr-replica-lag").length, 0);
      assert.equal(run.resources.filter((r) => r.name === "postgres-dr-replica-event").length, 1);
    }
  });

  it("admits the DR cluster's private subnets on 5432 once promoted", () => {
    const rules = ofType(promoted, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) =>
      r.name.startsWith("dr-sg-clients"),
    );
    assert.equal(rules.length, 3);
    for (const r of rules) assert.equal(inputs(r).fromPort, 5432);
  });

  it("brings up a minimal DR cluster (two nodes per group) with a NAT gateway per zone", () => {
    assert.deepEqual(inputs(drVpc(promoted)).natGateways, { strategy: "OnePerAz" });
    assert.equal(inputs(drVpc(promoted)).tags.DrState, "serving");
    const groups = promoted.resources.filter(
      (r) => r.type === "aws:eks/nodeGroup:NodeGroup" && r.urn.includes("b2b:dr:DrRegion"),
    );
    assert.equal(groups.length, 2);
    for (const g of groups) {
      assert.equal(providerName(g), "aws-dr");
      assert.equal(inputs(g).scalingConfig.desiredSize, 2);
      assert.match(inputs(g).nodeGroupName, /^b2b-commerce-prod-dr-/);
    }
    assert.ok(promoted.outputs.drClusterName);
  });

  it("adds the SECONDARY failover records to the DR load balancer", () => {
    for (const host of ["api.shop.example.com", "origin.shop.example.com"]) {
      const r = inputs(named(active, "aws:route53/record:Record", `${host}-a-secondary`));
      assert.deepEqual(r.failoverRoutingPolicies, [{ type: "SECONDARY" }]);
      assert.deepEqual(r.aliases, [{ name: standbyOrigin.dnsName, zoneId: standbyOrigin.zoneId, evaluateTargetHealth: true }]);
    }
  });

  it("rejects a failover without a DR replica and a DR CIDR overlapping the home VPC, naming the keys", async () => {
    await assert.rejects(
      runStack("prod", { config: { dr: JSON.stringify({ mode: "promoted", replica: false }) } }),
      /"b2b-commerce:dr.mode" is "promoted"; allowed: "pilot-light" unless/,
    );
    await assert.rejects(
      runStack("prod", { config: { dr: JSON.stringify({ vpcCidr: "10.30.0.0/16" }) } }),
      /"b2b-commerce:dr.vpcCidr" is "10.30.0.0\/16"; allowed: a CIDR that does not overlap the stack's vpcCidr 10.30.0.0\/16/,
    );
  });
});
