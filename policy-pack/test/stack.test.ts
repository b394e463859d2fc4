import { bucketHasSse } from "../policies/stack/bucket-require-encryption-configuration";
import { bucketHasPab } from "../policies/stack/bucket-require-public-access-block";
import { lbWafAssociation } from "../policies/stack/load-balancer-require-waf-association";
import { logKeyRotation } from "../policies/stack/log-group-kms-key-require-rotation";
import { rdsReadReplicas } from "../policies/stack/rds-instance-require-read-replica";
import { worldWebOnlyOnPublicAlb } from "../policies/stack/security-group-restrict-world-web-to-public-alb";
import { statefulProtect } from "../policies/stack/stateful-resource-require-protect";
import { vpcFlowLog } from "../policies/stack/vpc-require-flow-log";
import { wafLogging } from "../policies/stack/web-acl-require-logging";
import type { PackPolicy } from "../lib/policy";
import { UNKNOWN_STRING } from "../lib/props";
import { analyzeStack, assertEqual, cover, mutate, ResourceInput, RunOptions } from "./helpers";

const urn = (type: string, name: string) => `urn:pulumi:prod::b2b-commerce::${type}::${name}`;
/** A stack resource whose reference properties come from other resources (as the engine records them). */
function res(type: string, name: string, props: Record<string, unknown>, extra: Partial<ResourceInput> = {}): ResourceInput {
  return { type, name, urn: urn(type, name), props, ...extra };
}

/**
 * A compliant prod stack at preview: ids and ARNs unknown, references known only as property
 * dependencies - the hardest case for matching. (The helpers pass dependencies through the
 * `propertyDependencies` of the request.)
 */
const stack: ResourceInput[] = [
  res("aws:kms/key:Key", "logs-key", { enableKeyRotation: true, arn: UNKNOWN_STRING }, { protect: true }),
  res(
    "aws:cloudwatch/logGroup:LogGroup",
    "flow-logs",
    { kmsKeyId: UNKNOWN_STRING, retentionInDays: 365 },
    { protect: true, propertyDependencies: { kmsKeyId: [urn("aws:kms/key:Key", "logs-key")] } },
  ),
  res("awsx:ec2:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }),
  res(
    "aws:ec2/flowLog:FlowLog",
    "flow-log",
    { vpcId: UNKNOWN_STRING, trafficType: "ALL" },
    { propertyDependencies: { vpcId: [urn("awsx:ec2:Vpc", "vpc")] } },
  ),
  res("aws:s3/bucket:Bucket", "assets", { bucket: "b2b-prod-assets" }, { protect: true }),
  res(
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "assets-pab",
    { bucket: UNKNOWN_STRING },
    { propertyDependencies: { bucket: [urn("aws:s3/bucket:Bucket", "assets")] } },
  ),
  // Matched by value: the program passed the bucket's name string.
  res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "assets-sse", {
    bucket: "b2b-prod-assets",
  }),
  res("aws:ec2/securityGroup:SecurityGroup", "alb-sg", {
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
  }),
  res(
    "aws:lb/loadBalancer:LoadBalancer",
    "alb",
    { internal: false, loadBalancerType: "application", securityGroups: [UNKNOWN_STRING] },
    { propertyDependencies: { securityGroups: [urn("aws:ec2/securityGroup:SecurityGroup", "alb-sg")] } },
  ),
  res("aws:wafv2/webAcl:WebAcl", "acl", { scope: "REGIONAL" }),
  res(
    "aws:wafv2/webAclAssociation:WebAclAssociation",
    "acl-alb",
    { resourceArn: UNKNOWN_STRING, webAclArn: UNKNOWN_STRING },
    {
      propertyDependencies: {
        resourceArn: [urn("aws:lb/loadBalancer:LoadBalancer", "alb")],
        webAclArn: [urn("aws:wafv2/webAcl:WebAcl", "acl")],
      },
    },
  ),
  res(
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    "acl-logs",
    { resourceArn: UNKNOWN_STRING },
    { propertyDependencies: { resourceArn: [urn("aws:wafv2/webAcl:WebAcl", "acl")] } },
  ),
  res("aws:rds/instance:Instance", "db", { identifier: "b2b-prod-db" }, { protect: true }),
  res("aws:rds/instance:Instance", "db-replica", { replicateSourceDb: "b2b-prod-db" }, { protect: true }),
];
const without = (name: string) => stack.filter((r) => r.name !== name);
/** The ALB as the load balancer controller builds it: an Ingress naming the ALB's group (unknown id at preview). */
const ingressOf = (r: ResourceInput) =>
  r.props as { metadata: { annotations: Record<string, unknown> }; spec: { ingressClassName?: string } };
/** An internet-facing ALB Ingress naming groups by value only (known ids, no property dependencies). */
const albIngressById = (groups: string) =>
  mutate(albIngress("internet-facing"), (r) => {
    r.propertyDependencies = {};
    r.dependencies = [];
    ingressOf(r).metadata.annotations["alb.ingress.kubernetes.io/security-groups"] = groups;
  });
const withGroupId = (id: string) => (r: ResourceInput) => (r.name === "alb-sg" ? mutate(r, (g) => (g.props.id = id)) : r);
const albIngress = (scheme: string) =>
  res(
    "kubernetes:networking.k8s.io/v1:Ingress",
    "storefront-ingress",
    {
      metadata: {
        name: "storefront",
        namespace: "storefront",
        annotations: { "alb.ingress.kubernetes.io/scheme": scheme, "alb.ingress.kubernetes.io/security-groups": UNKNOWN_STRING },
      },
      spec: { ingressClassName: "alb" },
    },
    { propertyDependencies: { metadata: [urn("aws:ec2/securityGroup:SecurityGroup", "alb-sg")] } },
  );
const change = (name: string, f: (r: ResourceInput) => void) => stack.map((r) => (r.name === name ? mutate(r, f) : r));

interface StackCase {
  name: string;
  resources: ResourceInput[];
  expect: string;
  config?: RunOptions["config"];
}

function describeStackPolicy(
  policy: PackPolicy,
  cases: StackCase[],
  compliant: { name: string; resources: ResourceInput[]; config?: RunOptions["config"] }[] = [],
) {
  cover(policy.name, 1 + compliant.length, cases.length);
  describe(policy.name, () => {
    it("passes the compliant stack", async () => {
      assertEqual((await analyzeStack(policy, stack)).diagnostics, [], "diagnostics");
    });
    for (const c of compliant) {
      it(`passes: ${c.name}`, async () =>
        assertEqual((await analyzeStack(policy, c.resources, { config: c.config })).diagnostics, [], "diagnostics"));
    }
    for (const c of cases) {
      it(`reports: ${c.name}`, async () => {
        const r = await analyzeStack(policy, c.resources, { config: c.config });
        const hit = r.diagnostics.find((d) => d.message.includes(c.expect));
        if (!hit) throw new Error(`no message containing "${c.expect}" in ${JSON.stringify(r.diagnostics)}`);
        assertEqual([hit.policyName, hit.enforcementLevel], [policy.name, "mandatory"], "diagnostic");
      });
    }
  });
}

describe("policy-pack stack policies", () => {
  describeStackPolicy(
    lbWafAssociation,
    [
      {
        name: "a public ALB without association",
        resources: without("acl-alb"),
        expect: "Public load balancer alb has no WAF web ACL association. Associate a REGIONAL web ACL.",
      },
      {
        name: "a public load balancer of unset type (application by default)",
        resources: change("alb", (r) => delete r.props.loadBalancerType).filter((r) => r.name !== "acl-alb"),
        expect: "Public load balancer alb has no WAF web ACL association",
      },
    ],
    [
      {
        name: "an internal ALB without association",
        resources: change("alb", (r) => (r.props.internal = true)).filter((r) => r.name !== "acl-alb"),
      },
      {
        name: "a network load balancer without association",
        resources: change("alb", (r) => (r.props.loadBalancerType = "network")).filter((r) => r.name !== "acl-alb"),
      },
      {
        name: "an association naming the load balancer's known ARN (no dependency recorded)",
        resources: [
          ...without("acl-alb").map((r) =>
            r.name === "alb"
              ? mutate(r, (x) => (x.props.arn = "arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer/app/alb/1"))
              : r,
          ),
          res("aws:wafv2/webAclAssociation:WebAclAssociation", "acl-alb2", {
            resourceArn: "arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer/app/alb/1",
            webAclArn: UNKNOWN_STRING,
          }),
        ],
      },
      {
        name: "an association naming the load balancer's known id",
        resources: [
          ...without("acl-alb").map((r) => (r.name === "alb" ? mutate(r, (x) => (x.props.id = "alb-id-1")) : r)),
          res("aws:wafv2/webAclAssociation:WebAclAssociation", "acl-alb2", {
            resourceArn: "alb-id-1",
            webAclArn: UNKNOWN_STRING,
          }),
        ],
      },
    ],
  );
  it("aws-lb-load-balancer-require-waf-association cannot decide while a load balancer's scheme is unknown", async () => {
    const r = await analyzeStack(
      lbWafAssociation,
      change("alb", (x) => (x.props.internal = UNKNOWN_STRING)).filter((x) => x.name !== "acl-alb"),
    );
    assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "preview advisory");
  });
  describeStackPolicy(
    vpcFlowLog,
    [
      { name: "an awsx VPC without flow log", resources: without("flow-log"), expect: "VPC vpc has no flow log" },
      {
        name: "a plain VPC without flow log",
        resources: [...stack, res("aws:ec2/vpc:Vpc", "other", { cidrBlock: "10.1.0.0/16" })],
        expect: "VPC other has no flow log",
      },
    ],
    [
      ...(["id", "vpcId"] as const).map((k) => ({
        name: `a flow log naming the VPC's known ${k}`,
        resources: [
          ...without("flow-log").map((r) => (r.name === "vpc" ? mutate(r, (x) => (x.props[k] = `vpc-${k}`)) : r)),
          res("aws:ec2/flowLog:FlowLog", "flow-log2", { vpcId: `vpc-${k}`, trafficType: "ALL" }),
        ],
      })),
      {
        name: "the awsx VPC's child VPC at a real preview",
        resources: [
          ...stack,
          res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }, { parent: urn("awsx:ec2:Vpc", "vpc") }),
        ],
      },
    ],
  );
  describeStackPolicy(
    bucketHasPab,
    [
      {
        name: "a bucket without public access block",
        resources: without("assets-pab"),
        expect: "Bucket assets has no public access block",
      },
      {
        name: "a block for another bucket",
        resources: [
          ...without("assets-pab"),
          res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "other-pab", { bucket: "b2b-prod-other" }),
        ],
        expect: "Bucket assets has no public access block",
      },
    ],
    [
      {
        name: "a block naming the bucket's known name (no dependency recorded)",
        resources: [
          ...without("assets-pab"),
          res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "assets-pab2", { bucket: "b2b-prod-assets" }),
        ],
      },
      {
        name: "a block naming the bucket's known id",
        resources: [
          ...without("assets-pab").map((r) => (r.name === "assets" ? mutate(r, (x) => (x.props.id = "assets-id")) : r)),
          res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "assets-pab2", { bucket: "assets-id" }),
        ],
      },
    ],
  );
  describeStackPolicy(bucketHasSse, [
    {
      name: "a bucket without encryption configuration",
      resources: without("assets-sse"),
      expect: "Bucket assets has no encryption configuration",
    },
  ]);
  const plainGroup = (kmsKeyId: unknown) =>
    res("aws:cloudwatch/logGroup:LogGroup", "app-logs", { kmsKeyId, retentionInDays: 365 });
  const staleKey = (props: Record<string, unknown>) => res("aws:kms/key:Key", "app-key", { enableKeyRotation: false, ...props });
  describeStackPolicy(
    logKeyRotation,
    [
      {
        name: "the logs key does not rotate",
        resources: change("logs-key", (r) => (r.props.enableKeyRotation = false)),
        expect: "Key logs-key, used by log group flow-logs, does not rotate. Turn rotation on.",
      },
      {
        name: "a key named by its known ARN does not rotate",
        resources: [
          ...stack,
          staleKey({ arn: "arn:aws:kms:eu-central-1:111122223333:key/k1" }),
          plainGroup("arn:aws:kms:eu-central-1:111122223333:key/k1"),
        ],
        expect: "Key app-key, used by log group app-logs, does not rotate",
      },
      {
        name: "a key named by its key id does not rotate",
        resources: [...stack, staleKey({ keyId: "k2" }), plainGroup("k2")],
        expect: "Key app-key, used by log group app-logs, does not rotate",
      },
      {
        name: "a key named by its resource id does not rotate",
        resources: [...stack, staleKey({ id: "k3" }), plainGroup("k3")],
        expect: "Key app-key, used by log group app-logs, does not rotate",
      },
    ],
    [
      { name: "a non-rotating key no log group uses", resources: [...stack, staleKey({ keyId: "k4" })] },
      {
        name: "a log group without a key (reported by another policy)",
        resources: [...stack, staleKey({ keyId: "k5" }), plainGroup(undefined)],
      },
    ],
  );
  it("aws-cloudwatch-log-group-kms-key-require-rotation cannot decide while the key's rotation is unknown", async () => {
    const r = await analyzeStack(
      logKeyRotation,
      change("logs-key", (x) => (x.props.enableKeyRotation = UNKNOWN_STRING)),
    );
    assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "preview advisory");
  });
  describeStackPolicy(statefulProtect, [
    {
      name: "an unprotected bucket",
      resources: change("assets", (r) => (r.protect = false)),
      expect: "aws:s3/bucket:Bucket assets is not protected",
    },
    {
      name: "an unprotected EKS cluster (remote component)",
      resources: [...stack, res("eks:index:Cluster", "eks", { name: "b2b-prod-eks" })],
      expect: "eks:index:Cluster eks is not protected",
    },
    {
      name: "an unprotected alert topic",
      resources: [...stack, res("aws:sns/topic:Topic", "alerts", { name: "b2b-prod-alerts" })],
      expect: "aws:sns/topic:Topic alerts is not protected",
    },
  ]);
  describeStackPolicy(wafLogging, [
    { name: "a web ACL without logging", resources: without("acl-logs"), expect: "Web ACL acl has no logging configuration" },
  ]);
  describeStackPolicy(
    worldWebOnlyOnPublicAlb,
    [
      {
        name: "a world-open group not on a load balancer",
        resources: [
          ...stack,
          res("aws:ec2/securityGroup:SecurityGroup", "app-sg", {
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
          }),
        ],
        expect: "app-sg opens ports to the world",
      },
      {
        name: "the ALB's group on an internal ALB",
        resources: change("alb", (r) => (r.props.internal = true)),
        expect: "alb-sg opens ports to the world",
      },
      {
        name: "the ALB's group on an internal controller-built ALB (Ingress)",
        resources: [...without("alb"), albIngress("internal")],
        expect: "alb-sg opens ports to the world",
      },
      {
        name: "the ALB's group named by an internet-facing Ingress of another controller",
        resources: [
          ...without("alb"),
          mutate(albIngress("internet-facing"), (r) => (ingressOf(r).spec.ingressClassName = "nginx")),
        ],
        expect: "alb-sg opens ports to the world",
      },
      {
        name: "an internet-facing ALB Ingress without security-groups (the controller makes its own group)",
        resources: [
          ...without("alb"),
          mutate(
            albIngress("internet-facing"),
            (r) => delete ingressOf(r).metadata.annotations["alb.ingress.kubernetes.io/security-groups"],
          ),
        ],
        expect: "alb-sg opens ports to the world",
      },
      {
        name: "an internet-facing ALB Ingress that names another group (by id, no reference)",
        resources: [...without("alb"), albIngressById("sg-other")].map(withGroupId("sg-0123")),
        expect: "alb-sg opens ports to the world",
      },
      {
        name: "a standalone world rule on an app group",
        resources: [
          ...stack,
          res("aws:ec2/securityGroup:SecurityGroup", "app-sg", {}),
          res(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "app-https",
            { securityGroupId: UNKNOWN_STRING, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
            { propertyDependencies: { securityGroupId: [urn("aws:ec2/securityGroup:SecurityGroup", "app-sg")] } },
          ),
        ],
        expect:
          "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule app-https opens ports to the world but its group is not on an internet-facing load balancer.",
      },
      {
        name: "a standalone world rule whose group is not in the stack",
        resources: [
          ...stack,
          res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "loose-https", {
            securityGroupId: "sg-elsewhere",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
          }),
        ],
        expect: "loose-https opens ports to the world",
      },
    ],
    [
      {
        name: "the ALB's group on an internet-facing controller-built ALB (Ingress, group known by reference)",
        resources: [...without("alb"), albIngress("internet-facing")],
      },
      {
        name: "the ALB's group on an internet-facing controller-built ALB (Ingress, group id among several, no reference)",
        resources: [...without("alb"), albIngressById("sg-extra, sg-0123")].map(withGroupId("sg-0123")),
      },
      {
        name: "the ALB's group named by its Name tag (Ingress, no reference)",
        resources: [...without("alb"), albIngressById("public-alb")].map((r) =>
          r.name === "alb-sg" ? mutate(r, (g) => (g.props.tags = { Name: "public-alb" })) : r,
        ),
      },
      {
        name: "a standalone world rule on the public ALB's group (by reference)",
        resources: [
          ...stack,
          res(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "alb-http",
            { securityGroupId: UNKNOWN_STRING, ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" },
            { propertyDependencies: { securityGroupId: [urn("aws:ec2/securityGroup:SecurityGroup", "alb-sg")] } },
          ),
        ],
      },
      {
        name: "the public ALB and a standalone rule naming the group by known id (no references)",
        resources: [
          ...without("alb").map(withGroupId("sg-0123")),
          res("aws:lb/loadBalancer:LoadBalancer", "alb", {
            internal: false,
            loadBalancerType: "application",
            securityGroups: ["sg-0123"],
          }),
          res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "alb-http", {
            securityGroupId: "sg-0123",
            ipProtocol: "tcp",
            fromPort: 80,
            toPort: 80,
            cidrIpv4: "0.0.0.0/0",
          }),
        ],
      },
      {
        name: "a group with only private ingress",
        resources: [
          ...stack,
          res("aws:ec2/securityGroup:SecurityGroup", "db-sg", {
            ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }],
          }),
        ],
      },
    ],
  );
  it("aws-ec2-security-group-restrict-world-web-to-public-alb cannot decide while a group's rules are unknown", async () => {
    const r = await analyzeStack(worldWebOnlyOnPublicAlb, [
      ...stack,
      res("aws:ec2/securityGroup:SecurityGroup", "app-sg", { ingress: UNKNOWN_STRING }),
    ]);
    assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "preview advisory");
  });
  describeStackPolicy(
    rdsReadReplicas,
    [
      { name: "a primary without replica", resources: without("db-replica"), expect: "db has 0 read replica(s)" },
      { name: "fewer replicas than configured", resources: stack, expect: "keep at least 2", config: { minimumReplicas: 2 } },
    ],
    [
      { name: "no replica where the stack config allows none", resources: without("db-replica"), config: { minimumReplicas: 0 } },
      ...(["arn", "id"] as const).map((k) => ({
        name: `a replica naming its source by known ${k}`,
        resources: [
          ...without("db-replica").map((r) => (r.name === "db" ? mutate(r, (x) => (x.props[k] = `db-${k}`)) : r)),
          res("aws:rds/instance:Instance", "db-replica", { replicateSourceDb: `db-${k}` }, { protect: true }),
        ],
      })),
    ],
  );
  it("aws-rds-instance-require-read-replica does not count a replica of another primary", async () => {
    const r = await analyzeStack(rdsReadReplicas, [
      ...without("db-replica"),
      res("aws:rds/instance:Instance", "other", { identifier: "other-db" }, { protect: true }),
      res("aws:rds/instance:Instance", "other-replica", { replicateSourceDb: "other-db" }, { protect: true }),
    ]);
    assertEqual(r.violations.length, 1, `violations ${JSON.stringify(r.violations)}`);
  });
  it("aws-rds-instance-require-read-replica counts replicas per primary (two replicas meet a minimum of two)", async () => {
    const r = await analyzeStack(
      rdsReadReplicas,
      [...stack, res("aws:rds/instance:Instance", "db-replica-2", { replicateSourceDb: "b2b-prod-db" }, { protect: true })],
      { config: { minimumReplicas: 2 } },
    );
    assertEqual(r.violations, [], "violations");
  });
});
