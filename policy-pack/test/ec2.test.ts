import { defaultSgClosed } from "../policies/ec2/default-security-group-require-no-rules";
import { ebsVolumeEncryption } from "../policies/ec2/ebs-volume-require-encryption";
import { flowLogAllTraffic } from "../policies/ec2/flow-log-require-all-traffic";
import { launchTemplateEbsEncryption } from "../policies/ec2/launch-template-require-ebs-encryption";
import { launchTemplateImdsv2 } from "../policies/ec2/launch-template-require-imdsv2";
import { sgNoWorldIngress } from "../policies/ec2/security-group-disallow-world-ingress";
import { subnetNoPublicIp } from "../policies/ec2/subnet-disallow-public-ip-mapping";
import { vpcMultiAz } from "../policies/ec2/vpc-require-multi-az";
import { vpcNatPerAz } from "../policies/ec2/vpc-require-nat-gateway-per-az";
import { vpcPrivateSubnets } from "../policies/ec2/vpc-require-private-subnets";
import { UNKNOWN_STRING } from "../lib/props";
import { analyze, assertEqual, describePolicy } from "./helpers";

const albGroup = {
  vpcId: UNKNOWN_STRING,
  ingress: [
    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
    { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] },
  ],
  egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }],
};

describe("policy-pack ec2", () => {
  describePolicy({
    policy: sgNoWorldIngress,
    type: "aws:ec2/securityGroup:SecurityGroup",
    compliant: albGroup,
    alsoCompliant: [
      {
        name: "a standalone rule from the VPC CIDR",
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        change: (p) => (
          delete p.ingress,
          Object.assign(p, {
            securityGroupId: UNKNOWN_STRING,
            ipProtocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            cidrIpv4: "10.0.0.0/16",
          })
        ),
      },
      {
        name: "an egress SecurityGroupRule to the world",
        type: "aws:ec2/securityGroupRule:SecurityGroupRule",
        change: (p) => (
          delete p.ingress,
          Object.assign(p, { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] })
        ),
      },
    ],
    violations: [
      {
        name: "SSH from the world",
        change: (p) => p.ingress.push({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
        expect: "ingress[2] admits 0.0.0.0/0 on tcp 22-22",
      },
      {
        name: "all traffic from ::/0",
        change: (p) => p.ingress.push({ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }),
        expect: "admits ::/0",
      },
      { name: "a port range including 443", change: (p) => (p.ingress[0].toPort = 8443), expect: "tcp 443-8443" },
      {
        name: "both families, a private range named first",
        change: (p) =>
          p.ingress.push({
            protocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"],
            ipv6CidrBlocks: ["::/0"],
          }),
        expect: "ingress[2] admits 0.0.0.0/0, ::/0 on tcp 5432-5432. Restrict the source.",
      },
    ],
    unknown: ["ingress"],
  });
  it("a standalone world rule on port 5432 is reported", async () => {
    const r = await analyze(sgNoWorldIngress, {
      type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      props: { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" },
    });
    assertEqual(r.violations.length, 1, "violations");
  });
  it("a SecurityGroupRule of type ingress from the world on 3306 is reported", async () => {
    const r = await analyze(sgNoWorldIngress, {
      type: "aws:ec2/securityGroupRule:SecurityGroupRule",
      props: { type: "ingress", protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] },
    });
    assertEqual(r.violations.length, 1, "violations");
  });
  describePolicy({
    policy: defaultSgClosed,
    type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    compliant: { vpcId: UNKNOWN_STRING, tags: { Name: "default-closed" } },
    violations: [
      {
        name: "an allow-all ingress",
        change: (p) => (p.ingress = [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }]),
        expect: "1 ingress rule(s)",
      },
      {
        name: "an egress rule",
        change: (p) => (p.egress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
        expect: "1 egress rule(s)",
      },
    ],
    alsoCompliant: [{ name: "empty rule lists", change: (p) => ((p.ingress = []), (p.egress = [])) }],
    unknown: ["ingress", "egress"],
  });
  describePolicy({
    policy: subnetNoPublicIp,
    type: "aws:ec2/subnet:Subnet",
    compliant: { vpcId: UNKNOWN_STRING, cidrBlock: "10.0.32.0/20", mapPublicIpOnLaunch: false, tags: { Name: "private-a" } },
    alsoCompliant: [
      { name: "a public-tier subnet", change: (p) => ((p.mapPublicIpOnLaunch = true), (p.tags["kubernetes.io/role/elb"] = "1")) },
      {
        name: "a public tier marked by a configured tag",
        change: (p) => ((p.mapPublicIpOnLaunch = true), (p.tags.tier = "public")),
        config: { publicTierTag: "tier" },
      },
    ],
    violations: [
      {
        name: "a private subnet mapping public IPs",
        change: (p) => (p.mapPublicIpOnLaunch = true),
        expect: "without the kubernetes.io/role/elb tag",
      },
      {
        name: "mapping public IPs on a subnet without tags",
        change: (p) => ((p.mapPublicIpOnLaunch = "true"), delete p.tags),
        expect: "without the kubernetes.io/role/elb tag",
      },
    ],
    unknown: ["mapPublicIpOnLaunch"],
  });
  it("aws-ec2-subnet-disallow-public-ip-mapping cannot decide while a mapping subnet's tags are unknown", async () => {
    const r = await analyze(subnetNoPublicIp, {
      type: "aws:ec2/subnet:Subnet",
      props: { vpcId: UNKNOWN_STRING, cidrBlock: "10.0.32.0/20", mapPublicIpOnLaunch: true, tags: UNKNOWN_STRING },
    });
    assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "preview advisory");
  });
  describePolicy({
    policy: flowLogAllTraffic,
    type: "aws:ec2/flowLog:FlowLog",
    compliant: { vpcId: UNKNOWN_STRING, trafficType: "ALL", logDestination: UNKNOWN_STRING },
    violations: [{ name: "only rejected traffic", change: (p) => (p.trafficType = "REJECT"), expect: "trafficType is REJECT" }],
  });
  const lt = {
    blockDeviceMappings: [
      { deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: UNKNOWN_STRING, volumeSize: 50, volumeType: "gp3" } },
    ],
    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
  };
  describePolicy({
    policy: launchTemplateEbsEncryption,
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    compliant: lt,
    violations: [
      {
        name: "unencrypted root volume",
        change: (p) => (p.blockDeviceMappings[0].ebs.encrypted = "false"),
        expect: "(/dev/xvda) is not encrypted",
      },
      { name: "no key", change: (p) => delete p.blockDeviceMappings[0].ebs.kmsKeyId, expect: "has no kmsKeyId" },
      {
        name: "an unencrypted second volume without a device name",
        change: (p) => p.blockDeviceMappings.push({ ebs: { encrypted: false, kmsKeyId: "k" } }),
        expect: "blockDeviceMappings[1] () is not encrypted. Set encrypted: true.",
      },
    ],
    alsoCompliant: [
      {
        name: "an instance-store mapping",
        change: (p) => p.blockDeviceMappings.push({ deviceName: "/dev/sdb", virtualName: "ephemeral0" }),
      },
    ],
    unknown: ["blockDeviceMappings", "blockDeviceMappings.0.ebs.encrypted"],
  });
  describePolicy({
    policy: launchTemplateImdsv2,
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    compliant: lt,
    alsoCompliant: [
      {
        name: "hop limit 2 where configured",
        change: (p) => (p.metadataOptions.httpPutResponseHopLimit = 2),
        config: { maximumHopLimit: 2 },
      },
    ],
    violations: [
      { name: "IMDSv1 allowed", change: (p) => (p.metadataOptions.httpTokens = "optional"), expect: "httpTokens is optional" },
      {
        name: "hop limit 2",
        change: (p) => (p.metadataOptions.httpPutResponseHopLimit = 2),
        expect: "httpPutResponseHopLimit is 2",
      },
      { name: "no metadata options", change: (p) => delete p.metadataOptions, expect: "unset (optional)" },
    ],
    unknown: ["metadataOptions.httpTokens", "metadataOptions.httpPutResponseHopLimit"],
  });
  describePolicy({
    policy: ebsVolumeEncryption,
    type: "aws:ebs/volume:Volume",
    compliant: { availabilityZone: "eu-central-1a", size: 20, encrypted: true, kmsKeyId: UNKNOWN_STRING },
    violations: [
      { name: "not encrypted", change: (p) => (p.encrypted = false), expect: "not encrypted" },
      { name: "no key", change: (p) => delete p.kmsKeyId, expect: "No kmsKeyId" },
    ],
  });
  const vpc = {
    cidrBlock: "10.0.0.0/16",
    availabilityZoneNames: ["eu-central-1a", "eu-central-1b", "eu-central-1c"],
    natGateways: { strategy: "OnePerAz" },
  };
  describePolicy({
    policy: vpcMultiAz,
    type: "awsx:ec2:Vpc",
    compliant: vpc,
    alsoCompliant: [
      { name: "two zones where configured", change: (p) => p.availabilityZoneNames.pop(), config: { minimumZones: 2 } },
      { name: "the awsx default (3 zones)", change: (p) => (delete p.availabilityZoneNames, delete p.numberOfAvailabilityZones) },
    ],
    violations: [
      { name: "one zone", change: (p) => (p.availabilityZoneNames = ["eu-central-1a"]), expect: "spans 1 zone(s)" },
      {
        name: "a zone count of one",
        change: (p) => (delete p.availabilityZoneNames, (p.numberOfAvailabilityZones = 1)),
        expect: "spans 1 zone(s)",
      },
    ],
    unknown: ["availabilityZoneNames"],
  });
  describePolicy({
    policy: vpcNatPerAz,
    type: "awsx:ec2:Vpc",
    compliant: vpc,
    alsoCompliant: [
      { name: "the awsx default (OnePerAz)", change: (p) => delete p.natGateways },
      {
        name: "a DR VPC in pilot light without NAT",
        change: (p) => ((p.natGateways.strategy = "None"), (p.tags = { DrState: "pilot-light" })),
      },
      {
        name: "a DR VPC in pilot light with one NAT",
        change: (p) => ((p.natGateways.strategy = "Single"), (p.tags = { DrState: "pilot-light" })),
      },
    ],
    violations: [
      {
        name: "a single NAT gateway",
        change: (p) => (p.natGateways.strategy = "Single"),
        expect: "natGateways.strategy is Single",
      },
      {
        name: "no NAT without the pilot-light tag",
        change: (p) => ((p.natGateways.strategy = "None"), (p.tags = { DrState: "active" })),
        expect: "natGateways.strategy is None",
      },
      {
        name: "a single NAT gateway on a pilot-light VPC tagged otherwise",
        change: (p) => ((p.natGateways.strategy = "Single"), (p.tags = { DrState: "warm" })),
        expect: "natGateways.strategy is Single; use OnePerAz.",
      },
    ],
    unknown: ["natGateways.strategy"],
  });
  describePolicy({
    policy: vpcPrivateSubnets,
    type: "awsx:ec2:Vpc",
    compliant: {
      ...vpc,
      subnetSpecs: [
        { type: "Public", name: "public", tags: { "kubernetes.io/role/elb": "1" } },
        { type: "Private", name: "private" },
        { type: "Isolated", name: "isolated" },
      ],
    },
    violations: [
      {
        name: "public subnets only",
        change: (p) => (p.subnetSpecs = [p.subnetSpecs[0]]),
        expect: "lack the Private and Isolated tier(s)",
      },
      { name: "the awsx default (no isolated tier)", change: (p) => delete p.subnetSpecs, expect: "lack the Isolated tier(s)" },
      {
        name: "the awsx default (no isolated tier)",
        change: (p) => delete p.subnetSpecs,
        expect: "subnetSpecs lack the Isolated tier(s). Declare them.",
      },
    ],
    unknown: ["subnetSpecs"],
  });
});
