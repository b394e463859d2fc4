/**
 * Remote components (awsx.ec2.Vpc, eks.Cluster) run their own input checks inside their provider
 * plugin, which the mock runtime never starts. The rules below are read from their public source
 * at the pinned versions (docs/plan.md, "What remote components check") and applied to the inputs
 * our program registers, so a CIDR plan or argument change that the real component would reject
 * fails here first.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { formatCidr, parseCidr } from "../../lib/cidr";
import { ROOT, RegisteredResource, StackRun } from "../../tools/harness";
import { STACKS, stackRun } from "../support/stacks";

interface SubnetSpecInput {
  type: "Public" | "Private" | "Isolated" | "Unused";
  name?: string;
  cidrBlocks?: string[];
}
interface VpcInputs {
  cidrBlock: string;
  availabilityZoneNames?: string[];
  numberOfAvailabilityZones?: number;
  subnetStrategy?: string;
  subnetSpecs?: SubnetSpecInput[];
  natGateways?: { strategy?: string };
}

/** awsx `compareSubnetSpecs`: within a zone, public first, then private, then isolated. */
const TIER_ORDER = ["Public", "Private", "Isolated", "Unused"];

/**
 * The checks awsx 3.x `ec2/vpc.ts` and `ec2/subnetDistributorNew.ts` run before creating any
 * child, as errors in their words. Returns the errors (empty: awsx accepts the inputs).
 */
function awsxVpcErrors(args: VpcInputs): string[] {
  const errors: string[] = [];
  const azs = args.availabilityZoneNames ?? [];
  if (args.availabilityZoneNames && args.numberOfAvailabilityZones) {
    errors.push("Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified");
  }
  const specs = args.subnetSpecs ?? [];
  const strategy = args.subnetStrategy ?? "Legacy";
  const explicit = specs.some((s) => s.cidrBlocks !== undefined);
  // validateAndNormalizeSubnetInputs
  if (explicit) {
    specs.forEach((s, i) => {
      if (s.cidrBlocks === undefined)
        errors.push("If any subnet spec has explicit cidrBlocks, all subnets must have explicit cidrBlocks.");
      else if (s.cidrBlocks.length !== azs.length) {
        errors.push(
          `The number of CIDR blocks in subnetSpecs[${i}] must match the number of availability zones (${azs.length}).`,
        );
      }
    });
    // pickSubnetAllocator: "Legacy" ignores cidrBlocks and lays subnets out itself.
    if (strategy === "Legacy") errors.push('subnetStrategy "Legacy" ignores explicit cidrBlocks (use "Auto" or "Exact")');
    if (strategy === "AutoMerge")
      errors.push('subnetStrategy="AutoMerge" does not support subnetSpecs with explicit cidrBlocks.');
  }
  if (errors.length > 0 || !explicit) return errors;
  // getSubnetSpecsExplicit: zone by zone, each spec's block for that zone; the VPC loop then sorts
  // each zone's subnets by tier (compareSubnetSpecs).
  const subnets = azs.flatMap((_, z) =>
    specs
      .map((s) => ({ name: `vpc-${s.name ?? s.type.toLowerCase()}-${z + 1}`, type: s.type, cidr: s.cidrBlocks![z] }))
      .sort((a, b) => TIER_ORDER.indexOf(a.type) - TIER_ORDER.indexOf(b.type)),
  );
  // validateSubnets: no subnet inside another.
  const parsed = subnets.map((s) => ({ ...s, c: parseCidr(s.cidr)! }));
  const inside = (a: { base: number; prefix: number }, b: { base: number; prefix: number }) =>
    a.prefix >= b.prefix && a.base >>> (32 - b.prefix) === b.base >>> (32 - b.prefix);
  for (const a of parsed) {
    if (parsed.some((b) => a !== b && (inside(a.c, b.c) || inside(b.c, a.c)))) {
      errors.push(`The following subnets overlap with at least one other subnet: ${a.name}: ${a.cidr}`);
    }
  }
  // validateNoGaps, only for "Exact": walked in that order, the subnets must tile the VPC range
  // from its first address to its last.
  if (strategy === "Exact") {
    const vpc = parseCidr(args.cidrBlock)!;
    const end = (c: { base: number; prefix: number }) => c.base + 2 ** (32 - c.prefix);
    parsed.forEach((s, i) => {
      if (i === 0 && s.c.base !== vpc.base) {
        errors.push(
          `There are gaps in the subnet ranges: ${s.name} (${s.cidr}) does not start at the beginning of the VPC (${args.cidrBlock})`,
        );
      }
      if (i > 0 && s.c.base !== end(parsed[i - 1].c)) {
        errors.push(
          `There are gaps in the subnet ranges: ${parsed[i - 1].name} (${parsed[i - 1].cidr}) <=> ${s.name} (${s.cidr})`,
        );
      }
    });
    const last = parsed[parsed.length - 1];
    if (last && end(last.c) !== end(vpc)) errors.push(`There are gaps in the subnet ranges: ${last.name} ends before VPC ends`);
  }
  // validateNatGatewayStrategy: a NAT gateway needs public subnets and subnets routed through it.
  const nat = args.natGateways?.strategy ?? "OnePerAz";
  if (
    nat !== "None" &&
    !(specs.some((s) => s.type === "Public") && specs.some((s) => s.type === "Private" || s.type === "Isolated"))
  ) {
    errors.push(
      "If NAT Gateway strategy is 'OnePerAz' or 'Single', public subnets must be declared to host the NAT Gateway resource",
    );
  }
  return errors;
}

function one(run: StackRun, type: string): RegisteredResource {
  // The home region's (prod's DR network is checked in test/components/dr.test.ts).
  const found = run.resources.filter((r) => r.type === type && !r.urn.includes("b2b:dr:DrRegion"));
  assert.equal(found.length, 1, `expected one ${type}`);
  return found[0];
}

describe("awsx.ec2.Vpc input rules (awsx 3.9)", () => {
  const enums = fs.readFileSync(path.join(ROOT, "node_modules/@pulumi/awsx/types/enums/ec2/index.d.ts"), "utf8");

  it("the pinned awsx documents Exact as covering the whole VPC range and Auto as allowing gaps", () => {
    // If an upgrade changes these words, re-read vpc.ts and update awsxVpcErrors and docs/plan.md.
    assert.match(
      enums,
      /Whole range of VPC must be accounted for, using "Unused" spec types for deliberate gaps\.\s+\*\/\s+readonly Exact/,
    );
    assert.match(enums, /Order remains as specified by specs, allowing gaps where required\.\s+\*\/\s+readonly Auto/);
  });

  it("rejects a plan with room to grow under Exact, in awsx's words (the layout that blocked every deploy)", () => {
    const vpc = parseCidr("10.30.0.0/16")!;
    const block = (prefix: number, i: number) => formatCidr({ base: vpc.base + i * 2 ** (32 - prefix), prefix });
    const args: VpcInputs = {
      cidrBlock: "10.30.0.0/16",
      availabilityZoneNames: ["a", "b", "c"],
      subnetStrategy: "Exact",
      subnetSpecs: [
        { type: "Public", name: "public", cidrBlocks: [0, 1, 2].map((i) => block(22, 32 + i)) },
        { type: "Private", name: "private", cidrBlocks: [0, 1, 2].map((i) => block(19, i)) },
        { type: "Isolated", name: "isolated", cidrBlocks: [0, 1, 2].map((i) => block(22, 40 + i)) },
      ],
    };
    const errors = awsxVpcErrors(args);
    assert.ok(
      errors.includes(
        "There are gaps in the subnet ranges: vpc-public-1 (10.30.128.0/22) does not start at the beginning of the VPC (10.30.0.0/16)",
      ),
      errors.join("\n"),
    );
    assert.deepEqual(awsxVpcErrors({ ...args, subnetStrategy: "Auto" }), []);
  });

  it("rejects overlapping subnets, a wrong count of blocks, and explicit blocks under Legacy", () => {
    const base: VpcInputs = { cidrBlock: "10.0.0.0/16", availabilityZoneNames: ["a", "b"], subnetStrategy: "Auto" };
    const overlap = awsxVpcErrors({
      ...base,
      subnetSpecs: [
        { type: "Public", cidrBlocks: ["10.0.0.0/24", "10.0.1.0/24"] },
        { type: "Private", cidrBlocks: ["10.0.0.0/20", "10.0.16.0/20"] },
      ],
    });
    assert.ok(
      overlap.some((e) => e.includes("overlap")),
      overlap.join("\n"),
    );
    const count = awsxVpcErrors({
      ...base,
      subnetSpecs: [
        { type: "Public", cidrBlocks: ["10.0.0.0/24"] },
        { type: "Private", cidrBlocks: ["10.0.16.0/20", "10.0.32.0/20"] },
      ],
    });
    assert.ok(
      count.some((e) => e.includes("must match the number of availability zones (2)")),
      count.join("\n"),
    );
    const legacy = awsxVpcErrors({
      ...base,
      subnetStrategy: undefined,
      subnetSpecs: [{ type: "Public", cidrBlocks: ["10.0.0.0/24", "10.0.1.0/24"] }],
    });
    assert.ok(
      legacy.some((e) => e.includes("Legacy")),
      legacy.join("\n"),
    );
  });

  for (const stack of STACKS) {
    it(`${stack}: awsx accepts the VPC inputs of every network (the DR region's too) and creates exactly the planned subnets`, async () => {
      const run = await stackRun(stack);
      const vpcs = run.resources.filter((r) => r.type === "awsx:ec2:Vpc");
      assert.ok(vpcs.length >= 1);
      for (const vpc of vpcs) {
        const inputs = vpc.inputs as unknown as VpcInputs;
        assert.equal(inputs.subnetStrategy, "Auto", vpc.urn);
        assert.deepEqual(awsxVpcErrors(inputs), [], vpc.urn);
        const azs = inputs.availabilityZoneNames!.length;
        assert.equal(
          inputs.subnetSpecs!.flatMap((s) => s.cidrBlocks!).length,
          3 * azs,
          `${vpc.urn}: one subnet per tier and zone`,
        );
      }
    });
  }
});

interface EksInputs {
  subnetIds?: unknown;
  publicSubnetIds?: unknown;
  privateSubnetIds?: unknown;
  nodeGroupOptions?: unknown;
  authenticationMode?: string;
  roleMappings?: unknown[];
  userMappings?: unknown[];
  instanceRoles?: unknown[];
  instanceRole?: unknown;
  endpointPublicAccess?: boolean;
  publicAccessCidrs?: string[];
  skipDefaultNodeGroup?: boolean;
  skipDefaultSecurityGroups?: boolean;
  useDefaultVpcCni?: boolean;
  corednsAddonOptions?: { enabled?: boolean };
  kubeProxyAddonOptions?: { enabled?: boolean };
  vpcId?: string;
  [key: string]: unknown;
}

const SINGULAR_NODE_OPTIONS = [
  "nodeSubnetIds",
  "nodeAssociatePublicIpAddress",
  "instanceType",
  "instanceProfileName",
  "nodePublicKey",
  "nodeRootVolumeSize",
  "nodeUserData",
  "minSize",
  "maxSize",
  "desiredCapacity",
  "nodeAmiId",
  "gpu",
];

/** The checks pulumi-eks 4.3 `nodejs/eks/cluster/cluster.ts` and `authenticationMode.ts` run on its inputs. */
function eksClusterErrors(args: EksInputs): string[] {
  const errors: string[] = [];
  const mode = args.authenticationMode;
  if (mode && !["CONFIG_MAP", "API_AND_CONFIG_MAP", "API"].includes(mode))
    errors.push(`Invalid value for authenticationMode: ${mode}.`);
  if (mode === "API") {
    for (const prop of ["roleMappings", "userMappings", "instanceRoles"] as const) {
      if ((args[prop] ?? []).length > 0)
        errors.push(`The '${prop}' property does not support non-empty values when 'authenticationMode' is set to 'API'.`);
    }
  }
  if (args.instanceRole && args.instanceRoles)
    errors.push("instanceRole and instanceRoles are mutually exclusive, and cannot both be set.");
  if (args.subnetIds && (args.publicSubnetIds || args.privateSubnetIds)) {
    errors.push("subnetIds, and the use of publicSubnetIds and/or privateSubnetIds are mutually exclusive.");
  }
  if (args.nodeGroupOptions && SINGULAR_NODE_OPTIONS.some((k) => args[k])) {
    errors.push("Setting nodeGroupOptions, and any set of singular node group option(s) on the cluster, is mutually exclusive.");
  }
  if (args.publicAccessCidrs && args.endpointPublicAccess === false) {
    errors.push("`publicAccessCidrs` can only be set when `endpointPublicAccess` is true");
  }
  if (!args.vpcId) errors.push("vpcId unset: pulumi-eks would use the account's default VPC");
  return errors;
}

describe("eks.Cluster input rules (pulumi-eks 4.3)", () => {
  it("rejects what pulumi-eks rejects", () => {
    assert.ok(eksClusterErrors({ vpcId: "v", authenticationMode: "API", roleMappings: [{}] }).length > 0);
    assert.ok(eksClusterErrors({ vpcId: "v", subnetIds: ["a"], privateSubnetIds: ["b"] }).length > 0);
    assert.ok(eksClusterErrors({ vpcId: "v", endpointPublicAccess: false, publicAccessCidrs: ["1.2.3.4/32"] }).length > 0);
    assert.ok(eksClusterErrors({ vpcId: "v", nodeGroupOptions: {}, minSize: 1 }).length > 0);
    assert.deepEqual(eksClusterErrors({ vpcId: "v", authenticationMode: "API" }), []);
  });

  for (const stack of STACKS) {
    it(`${stack}: pulumi-eks accepts the cluster inputs and creates no node group, security group or add-on of its own`, async () => {
      const run = await stackRun(stack);
      const inputs = one(run, "eks:index:Cluster").inputs as EksInputs;
      assert.deepEqual(eksClusterErrors(inputs), []);
      // What it would otherwise create with its own IAM and security rules, invisible offline:
      assert.equal(inputs.skipDefaultNodeGroup, true, "default node group");
      assert.equal(inputs.skipDefaultSecurityGroups, true, "default cluster and node security groups");
      assert.equal(inputs.useDefaultVpcCni, true, "VPC CNI add-on");
      assert.equal(inputs.corednsAddonOptions?.enabled, false, "CoreDNS add-on");
      assert.equal(inputs.kubeProxyAddonOptions?.enabled, false, "kube-proxy add-on");
      assert.ok(inputs.serviceRole, "a service role of ours (else pulumi-eks creates one)");
    });
  }
});
