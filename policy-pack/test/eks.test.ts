import { addonPinnedVersion } from "../policies/eks/addon-require-pinned-version";
import { eksNoPublicEndpoint } from "../policies/eks/cluster-disallow-public-endpoint";
import { eksNoWorldEndpoint } from "../policies/eks/cluster-disallow-world-public-access";
import { eksApiAuthentication } from "../policies/eks/cluster-require-api-authentication";
import { eksControlPlaneLogs } from "../policies/eks/cluster-require-control-plane-logs";
import { eksPinnedVersion } from "../policies/eks/cluster-require-pinned-version";
import { eksSecretsEncryption } from "../policies/eks/cluster-require-secrets-encryption";
import { nodeGroupMinSize } from "../policies/eks/node-group-require-min-size";
import { nodeGroupMultiAz } from "../policies/eks/node-group-require-multi-az";
import { UNKNOWN_STRING } from "../lib/props";
import { analyze, assertEqual, describePolicy } from "./helpers";

const LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
/** The eks remote component's inputs, as visible offline. */
const component = {
  version: "1.34",
  endpointPrivateAccess: true,
  endpointPublicAccess: false,
  encryptionConfigKeyArn: UNKNOWN_STRING,
  enabledClusterLogTypes: LOGS,
  authenticationMode: "API",
  skipDefaultNodeGroup: true,
};
/** The AWS resource, as the analyzer sees the component's child at a real preview. */
const cluster = {
  version: "1.34",
  roleArn: UNKNOWN_STRING,
  vpcConfig: { subnetIds: [UNKNOWN_STRING], endpointPrivateAccess: true, endpointPublicAccess: false },
  encryptionConfig: { provider: { keyArn: UNKNOWN_STRING }, resources: ["secrets"] },
  enabledClusterLogTypes: LOGS,
  accessConfig: { authenticationMode: "API" },
};
const EKS = "eks:index:Cluster";
const AWS_EKS = "aws:eks/cluster:Cluster";

describe("policy-pack eks", () => {
  describePolicy({
    policy: eksSecretsEncryption,
    type: EKS,
    compliant: component,
    alsoCompliant: [{ name: "the AWS resource with encryptionConfig", type: AWS_EKS, change: (p) => Object.assign(p, cluster) }],
    violations: [
      { name: "no key on the component", change: (p) => delete p.encryptionConfigKeyArn, expect: "No encryptionConfigKeyArn" },
    ],
  });
  describePolicy({
    policy: eksSecretsEncryption,
    type: AWS_EKS,
    compliant: cluster,
    alsoCompliant: [
      { name: "secrets among other resources", change: (p) => (p.encryptionConfig.resources = ["configmaps", "secrets"]) },
    ],
    violations: [
      {
        name: "resources without secrets",
        change: (p) => (p.encryptionConfig.resources = ["configmaps"]),
        expect: 'encryptionConfig does not encrypt "secrets" with a key. Set it.',
      },
      { name: "no key", change: (p) => delete p.encryptionConfig.provider, expect: 'does not encrypt "secrets"' },
      {
        name: "resources not a list",
        change: (p) => (p.encryptionConfig.resources = "secrets"),
        expect: 'does not encrypt "secrets"',
      },
    ],
    unknown: ["encryptionConfig.resources"],
  });
  it("aws-eks-cluster-require-secrets-encryption reports an AWS cluster without encryptionConfig", async () => {
    const r = await analyze(eksSecretsEncryption, { type: AWS_EKS, props: { ...cluster, encryptionConfig: undefined } });
    assertEqual(r.violations.length, 1, "violations");
  });
  describePolicy({
    policy: eksNoPublicEndpoint,
    type: EKS,
    compliant: component,
    alsoCompliant: [
      { name: "the AWS resource, private", type: AWS_EKS, change: (p) => Object.assign(p, cluster) },
      {
        name: "a public endpoint where the stack config allows it (dev)",
        change: (p) => (p.endpointPublicAccess = true),
        config: { allowPublicEndpoint: true },
      },
    ],
    violations: [
      { name: "public endpoint", change: (p) => (p.endpointPublicAccess = true), expect: "endpointPublicAccess is true" },
      {
        name: "unset (the default is public)",
        change: (p) => delete p.endpointPublicAccess,
        expect: "endpointPublicAccess is true (the default)",
      },
    ],
  });
  it("aws-eks-cluster-disallow-public-endpoint reports the AWS resource's vpcConfig", async () => {
    const r = await analyze(eksNoPublicEndpoint, {
      type: AWS_EKS,
      props: { ...cluster, vpcConfig: { endpointPublicAccess: true } },
    });
    assertEqual(r.violations.length, 1, "violations");
  });
  describePolicy({
    policy: eksNoWorldEndpoint,
    type: EKS,
    compliant: { ...component, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
    alsoCompliant: [
      { name: "a private endpoint", change: (p) => ((p.endpointPublicAccess = false), delete p.publicAccessCidrs) },
    ],
    violations: [
      { name: "public without CIDRs (0.0.0.0/0)", change: (p) => delete p.publicAccessCidrs, expect: "publicAccessCidrs unset" },
      { name: "0.0.0.0/0 listed", change: (p) => p.publicAccessCidrs.push("0.0.0.0/0"), expect: "203.0.113.0/24, 0.0.0.0/0" },
      {
        name: "::/0 listed",
        change: (p) => (p.publicAccessCidrs = ["::/0"]),
        expect: "(publicAccessCidrs ::/0). List the allowed CIDRs.",
      },
    ],
    unknown: ["endpointPublicAccess", "publicAccessCidrs"],
  });
  // The same rules on the AWS resource, whose settings sit under vpcConfig / accessConfig.
  describePolicy({
    policy: eksNoWorldEndpoint,
    type: AWS_EKS,
    compliant: {
      ...cluster,
      vpcConfig: { ...cluster.vpcConfig, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
    },
    violations: [
      {
        name: "public by default, without CIDRs",
        change: (p) => (delete p.vpcConfig.endpointPublicAccess, delete p.vpcConfig.publicAccessCidrs),
        expect: "The public endpoint is open to the world (vpcConfig.publicAccessCidrs unset). List the allowed CIDRs.",
      },
    ],
    unknown: ["vpcConfig.endpointPublicAccess", "vpcConfig.publicAccessCidrs"],
  });
  describePolicy({
    policy: eksNoPublicEndpoint,
    type: AWS_EKS,
    compliant: cluster,
    violations: [
      {
        name: "public by default",
        change: (p) => delete p.vpcConfig.endpointPublicAccess,
        expect: "vpcConfig.endpointPublicAccess is true (the default)",
      },
    ],
    unknown: ["vpcConfig.endpointPublicAccess"],
  });
  describePolicy({
    policy: eksControlPlaneLogs,
    type: AWS_EKS,
    compliant: cluster,
    violations: [{ name: "no logs", change: (p) => delete p.enabledClusterLogTypes, expect: "Control-plane logs off: api" }],
    unknown: ["enabledClusterLogTypes"],
  });
  describePolicy({
    policy: eksApiAuthentication,
    type: AWS_EKS,
    compliant: cluster,
    violations: [
      {
        name: "CONFIG_MAP by default",
        change: (p) => delete p.accessConfig,
        expect: "accessConfig.authenticationMode is CONFIG_MAP",
      },
    ],
    unknown: ["accessConfig.authenticationMode"],
  });
  describePolicy({
    policy: eksControlPlaneLogs,
    type: EKS,
    compliant: component,
    alsoCompliant: [{ name: "the AWS resource", type: AWS_EKS, change: (p) => Object.assign(p, cluster) }],
    violations: [
      {
        name: "audit off",
        change: (p) => (p.enabledClusterLogTypes = ["api"]),
        expect: "audit, authenticator, controllerManager, scheduler",
      },
      { name: "no logs", change: (p) => delete p.enabledClusterLogTypes, expect: "Control-plane logs off: api" },
    ],
  });
  describePolicy({
    policy: eksApiAuthentication,
    type: EKS,
    compliant: component,
    alsoCompliant: [{ name: "the AWS resource", type: AWS_EKS, change: (p) => Object.assign(p, cluster) }],
    violations: [
      {
        name: "API_AND_CONFIG_MAP",
        change: (p) => (p.authenticationMode = "API_AND_CONFIG_MAP"),
        expect: "authenticationMode is API_AND_CONFIG_MAP",
      },
      { name: "unset (CONFIG_MAP)", change: (p) => delete p.authenticationMode, expect: "is CONFIG_MAP" },
    ],
  });
  describePolicy({
    policy: eksPinnedVersion,
    type: EKS,
    compliant: component,
    violations: [
      { name: "no version", change: (p) => delete p.version, expect: "version is unset" },
      { name: "a patch version (EKS takes major.minor)", change: (p) => (p.version = "1.34.1"), expect: "version is 1.34.1" },
      { name: "a prefixed version", change: (p) => (p.version = "v1.34"), expect: "version is v1.34" },
      { name: "a number, not a string", change: (p) => (p.version = 1.34), expect: "version is 1.34" },
    ],
    alsoCompliant: [{ name: "a two-digit major", change: (p) => (p.version = "10.1") }],
    unknown: ["version"],
  });
  const ng = {
    clusterName: UNKNOWN_STRING,
    nodeRoleArn: UNKNOWN_STRING,
    subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 6 },
  };
  describePolicy({
    policy: nodeGroupMultiAz,
    type: "aws:eks/nodeGroup:NodeGroup",
    compliant: ng,
    alsoCompliant: [
      { name: "the eks ManagedNodeGroup component", type: "eks:index:ManagedNodeGroup", change: () => undefined },
      {
        name: "exactly the configured minimum",
        change: (p) => (p.subnetIds = ["subnet-a", "subnet-b"]),
        config: { minimumSubnets: 2 },
      },
    ],
    violations: [{ name: "one subnet", change: (p) => (p.subnetIds = ["subnet-a"]), expect: "uses 1 subnet(s)" }],
    unknown: ["subnetIds"],
  });
  describePolicy({
    policy: nodeGroupMinSize,
    type: "aws:eks/nodeGroup:NodeGroup",
    compliant: ng,
    alsoCompliant: [
      {
        name: "one node where the stack config allows it",
        change: (p) => (p.scalingConfig.minSize = 1),
        config: { minimumNodes: 1 },
      },
    ],
    violations: [{ name: "minSize 1", change: (p) => (p.scalingConfig.minSize = 1), expect: "scalingConfig.minSize is 1" }],
  });
  describePolicy({
    policy: addonPinnedVersion,
    type: "aws:eks/addon:Addon",
    compliant: { clusterName: UNKNOWN_STRING, addonName: "vpc-cni", addonVersion: "v1.20.4-eksbuild.1" },
    alsoCompliant: [
      { name: "a version without v", change: (p) => (p.addonVersion = "1.20.4-eksbuild.1") },
      { name: "a two-digit major version", change: (p) => (p.addonVersion = "v10.2.0-eksbuild.1") },
    ],
    violations: [
      { name: "no version", change: (p) => delete p.addonVersion, expect: "addonVersion is unset; pin a version." },
      {
        name: "a name instead of a version",
        change: (p) => (p.addonVersion = "latest-1.2"),
        expect: "addonVersion is latest-1.2;",
      },
      { name: "a major version only", change: (p) => (p.addonVersion = "v1"), expect: "addonVersion is v1;" },
      { name: "a number, not a string", change: (p) => (p.addonVersion = 1.2), expect: "addonVersion is 1.2;" },
    ],
    unknown: ["addonVersion"],
  });
});
