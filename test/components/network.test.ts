import { strict as assert } from "node:assert";
import { RegisteredResource, StackRun } from "../../tools/harness";
import { STACKS, stackRun } from "../support/stacks";
import { contains, overlaps, parseCidr } from "../../lib/cidr";

const EXPECTED = {
  dev: { azs: 2, nat: "Single", retention: 14, interfaceEndpoints: 0, protect: false },
  staging: { azs: 3, nat: "OnePerAz", retention: 30, interfaceEndpoints: 6, protect: false },
  prod: { azs: 3, nat: "OnePerAz", retention: 365, interfaceEndpoints: 6, protect: true },
} as const;

function one(run: StackRun, type: string, name?: string): RegisteredResource {
  // The home network only (the DR region has a network of its own: test/components/dr.test.ts).
  const found = run.resources.filter(
    (r) => r.type === type && (name === undefined || r.name === name) && !r.urn.includes("b2b:dr:DrRegion"),
  );
  assert.equal(found.length, 1, `expected one ${type} ${name ?? ""}, found ${found.length}`);
  return found[0];
}

function doc(r: RegisteredResource, key: string) {
  return JSON.parse(r.inputs[key] as string) as { Statement: Record<string, unknown>[] };
}

for (const stack of STACKS) {
  describe(`network (${stack})`, () => {
    let run: StackRun;
    const want = EXPECTED[stack];
    before(async () => {
      run = await stackRun(stack);
    });

    it(`spans ${want.azs} availability zones`, () => {
      const vpc = one(run, "awsx:ec2:Vpc");
      assert.equal((vpc.inputs.availabilityZoneNames as string[]).length, want.azs);
    });

    it("has public, private and isolated tiers, one subnet per AZ, inside the VPC and not overlapping", () => {
      const vpc = one(run, "awsx:ec2:Vpc");
      const specs = vpc.inputs.subnetSpecs as { type: string; cidrBlocks: string[] }[];
      assert.deepEqual(specs.map((s) => s.type).sort(), ["Isolated", "Private", "Public"]);
      assert.equal(vpc.inputs.subnetStrategy, "Auto");
      const vpcCidr = parseCidr(vpc.inputs.cidrBlock as string)!;
      const all = specs.flatMap((s) => s.cidrBlocks.map((c) => parseCidr(c)!));
      for (const s of specs) assert.equal(s.cidrBlocks.length, want.azs, `${s.type} subnets`);
      for (const c of all) assert.ok(contains(vpcCidr, c));
      for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) assert.ok(!overlaps(all[i], all[j]));
    });

    it("tags public and private subnets for load balancer discovery", () => {
      const specs = one(run, "awsx:ec2:Vpc").inputs.subnetSpecs as { type: string; tags?: Record<string, string> }[];
      assert.equal(specs.find((s) => s.type === "Public")?.tags?.["kubernetes.io/role/elb"], "1");
      assert.equal(specs.find((s) => s.type === "Private")?.tags?.["kubernetes.io/role/internal-elb"], "1");
      assert.equal(specs.find((s) => s.type === "Isolated")?.tags?.["kubernetes.io/role/elb"], undefined);
    });

    it(`uses NAT strategy ${want.nat}`, () => {
      assert.deepEqual(one(run, "awsx:ec2:Vpc").inputs.natGateways, { strategy: want.nat });
    });

    it("logs ALL VPC traffic to a KMS-encrypted group with the stack's retention", () => {
      const flowLog = one(run, "aws:ec2/flowLog:FlowLog");
      const group = one(run, "aws:cloudwatch/logGroup:LogGroup", "flow-logs");
      const key = one(run, "aws:kms/key:Key", "flow-logs-key");
      assert.equal(flowLog.inputs.trafficType, "ALL");
      assert.equal(flowLog.inputs.vpcId, "vpc-vpc");
      assert.equal(flowLog.inputs.logDestinationType, "cloud-watch-logs");
      assert.match(flowLog.inputs.logDestination as string, /:log-group:\/b2b-commerce\/.*\/vpc-flow-logs$/);
      assert.equal(group.inputs.retentionInDays, want.retention);
      assert.match(group.inputs.kmsKeyId as string, /^arn:aws:kms:/);
      assert.equal(key.inputs.enableKeyRotation, true);
    });

    it("lets the flow-log role write only to its own log group", () => {
      const policy = doc(one(run, "aws:iam/rolePolicy:RolePolicy", "flow-logs-write"), "policy");
      const group = one(run, "aws:cloudwatch/logGroup:LogGroup", "flow-logs");
      for (const s of policy.Statement) {
        for (const r of s.Resource as string[]) assert.ok(r.includes(":log-group:" + group.inputs.name), r);
        for (const a of s.Action as string[]) assert.ok(!a.includes("*"), a);
      }
      const trust = doc(one(run, "aws:iam/role:Role", "flow-logs-role"), "assumeRolePolicy");
      assert.deepEqual(trust.Statement[0].Principal, { Service: "vpc-flow-logs.amazonaws.com" });
    });

    it("closes the default security group (no ingress, no egress)", () => {
      const sg = one(run, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
      assert.equal(sg.inputs.ingress ?? undefined, undefined);
      assert.equal(sg.inputs.egress ?? undefined, undefined);
    });

    it("has an S3 gateway endpoint on the VPC's route tables", () => {
      const s3 = one(run, "aws:ec2/vpcEndpoint:VpcEndpoint", "s3");
      assert.equal(s3.inputs.vpcEndpointType, "Gateway");
      assert.ok((s3.inputs.routeTableIds as string[]).length > 0);
    });

    it(`has ${want.interfaceEndpoints} interface endpoints behind a group without inline rules`, () => {
      const endpoints = run.resources.filter(
        (r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.inputs.vpcEndpointType === "Interface",
      );
      assert.equal(endpoints.length, want.interfaceEndpoints);
      const services = endpoints.map((e) => (e.inputs.serviceName as string).split(".").slice(3).join("."));
      if (want.interfaceEndpoints)
        assert.deepEqual(services.sort(), ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm", "sts"]);
      const sg = one(run, "aws:ec2/securityGroup:SecurityGroup", "endpoints-sg");
      // No inline rules: the flow table's component admits the nodes and pods (test/components/flows.test.ts).
      assert.equal(sg.inputs.ingress, undefined);
      assert.equal(sg.inputs.egress, undefined);
      for (const e of endpoints) {
        assert.deepEqual(e.inputs.securityGroupIds, ["endpoints-sg-id"]);
        assert.equal(e.inputs.privateDnsEnabled, true);
      }
    });

    it(`${want.protect ? "protects" : "does not protect"} the flow-log key and group`, () => {
      assert.equal(one(run, "aws:kms/key:Key", "flow-logs-key").protect, want.protect);
      assert.equal(one(run, "aws:cloudwatch/logGroup:LogGroup", "flow-logs").protect, want.protect);
    });

    it("outputs the VPC id, CIDR and subnet ids per tier", () => {
      assert.equal(run.outputs.vpcId, "vpc-vpc");
      assert.equal(run.outputs.vpcCidr, one(run, "awsx:ec2:Vpc").inputs.cidrBlock);
      for (const tier of ["public", "private", "isolated"]) {
        assert.equal((run.outputs[`${tier}SubnetIds`] as string[]).length, want.azs, tier);
      }
    });
  });
}
