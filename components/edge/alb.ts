import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";

/** The services behind the ALB. */
export type ServiceName = "storefront" | "api";

export interface ServiceTarget {
  /** Namespace of the Kubernetes Service (created by the cluster component). */
  namespace: string;
  /** Name of the Kubernetes Service. */
  serviceName: string;
  /** Port of the pods (the Service's targetPort): targets are pod IPs. */
  port: number;
  /** HTTP path the target group's health check requests; must answer 200-399. */
  healthCheckPath: string;
}

/**
 * TLS 1.3 plus TLS 1.2 with restricted (forward-secret AES-GCM) ciphers only, with hybrid
 * post-quantum key exchange: stricter than ELBSecurityPolicy-TLS13-1-2-2021-06 and the default of
 * the console. Source: ELB Application Load Balancer guide, "Security policies for your Application
 * Load Balancer" (checked 2026-11); in the policy pack's allow-list (aws-lb-listener-require-tls13-policy).
 */
export const ALB_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

/**
 * Regions whose ELB log delivery is authorised through the regional ELB account (regions opened
 * before August 2022); newer regions require the `logdelivery.elasticloadbalancing.amazonaws.com`
 * service principal. Source: ELB ALB guide, "Enable access logs", step "Attach a bucket policy".
 */
export const ELB_ACCOUNT_REGIONS: readonly string[] = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-northeast-1",
  "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1",
  "eu-west-2", "eu-west-3", "eu-south-1", "eu-north-1", "me-south-1", "sa-east-1", "us-gov-west-1", "us-gov-east-1",
]; // prettier-ignore

/** Header through which the ALB recognises CloudFront's origin requests (value: a generated secret). */
export const ORIGIN_VERIFY_HEADER = "x-origin-verify";

export interface AlbArgs {
  naming: Naming;
  vpcId: pulumi.Input<string>;
  publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  nodeSecurityGroupId: pulumi.Input<string>;
  clusterName: pulumi.Input<string>;
  services: Record<ServiceName, ServiceTarget>;
  apiHost: string;
  /** CloudFront's origin host: served only to requests that carry the origin-verify secret. */
  originHost: string;
  originVerifySecrets: pulumi.Input<string>[];
  certificateArn: pulumi.Input<string>;
  logBucket: pulumi.Input<string>;
  logPrefix: string;
  /** Resources the ALB must wait for (the log bucket's policy: ELB tests its write access). */
  dependsOn: pulumi.Resource[];
  idleTimeoutSeconds: number;
  deletionProtection: boolean;
}

/**
 * The internet-facing ALB: its security group (80/443 in, service ports out to the nodes only),
 * an HTTPS listener with a strict TLS policy, an HTTP listener that only redirects, one IP target
 * group per service, and host/path rules.
 */
export function createAlb(parent: pulumi.Resource, args: AlbArgs) {
  const { naming } = args;
  const opts = { parent };
  const ports = [...new Set(Object.values(args.services).map((s) => s.port))].sort((a, b) => a - b);

  const securityGroup = new aws.ec2.SecurityGroup(
    "alb-sg",
    {
      name: naming.physical("alb", "securityGroup"),
      description: "Public ALB: HTTP/HTTPS from the internet, service ports to the cluster nodes only",
      vpcId: args.vpcId,
      // The ALB is IPv4-only (the VPC has no IPv6 range), so no ::/0 rules.
      ingress: [
        { description: "HTTPS from the internet", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
        {
          description: "HTTP from the internet (redirected to HTTPS)",
          protocol: "tcp",
          fromPort: 80,
          toPort: 80,
          cidrBlocks: ["0.0.0.0/0"],
        },
      ],
      egress: ports.map((port) => ({
        description: `Service port ${port} on the cluster nodes and pods`,
        protocol: "tcp",
        fromPort: port,
        toPort: port,
        securityGroups: [args.nodeSecurityGroupId],
      })),
      tags: { Name: naming.physical("alb", "securityGroup") },
    },
    opts,
  );
  // The matching ingress on the node group, as standalone rules so the cluster's own rules are not
  // touched (the cluster must not manage that group's rules inline, or the two would fight).
  for (const port of ports) {
    new aws.vpc.SecurityGroupIngressRule(
      `nodes-from-alb-${port}`,
      {
        securityGroupId: args.nodeSecurityGroupId,
        referencedSecurityGroupId: securityGroup.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `ALB to pods on ${port}`,
        tags: { Name: naming.physical(`nodes-from-alb-${port}`) },
      },
      opts,
    );
  }

  const loadBalancer = new aws.lb.LoadBalancer(
    "alb",
    {
      name: naming.physical("alb", "loadBalancer"),
      loadBalancerType: "application",
      internal: false,
      ipAddressType: "ipv4",
      subnets: args.publicSubnetIds,
      securityGroups: [securityGroup.id],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "strictest",
      // Keep the client's X-Forwarded-For value and append the peer address (default, explicit).
      xffHeaderProcessingMode: "append",
      idleTimeout: args.idleTimeoutSeconds,
      enableDeletionProtection: args.deletionProtection,
      // A WAF outage must not open the ALB: requests fail closed.
      enableWafFailOpen: false,
      accessLogs: { bucket: args.logBucket, prefix: args.logPrefix, enabled: true },
      tags: { Name: naming.physical("alb", "loadBalancer") },
    },
    { parent, dependsOn: args.dependsOn },
  );

  const targetGroups = {} as Record<ServiceName, aws.lb.TargetGroup>;
  for (const [key, service] of Object.entries(args.services) as [ServiceName, ServiceTarget][]) {
    // The port is part of the name: changing it replaces the group, and Pulumi creates the new one
    // before deleting the old, which a fixed name would make collide.
    const tgName = naming.physical(`${key}-${service.port}`, "targetGroup");
    targetGroups[key] = new aws.lb.TargetGroup(
      `${key}-tg`,
      {
        name: tgName,
        vpcId: args.vpcId,
        // Pod IPs (VPC CNI): the AWS Load Balancer Controller registers them via TargetGroupBinding.
        targetType: "ip",
        protocol: "HTTP",
        protocolVersion: "HTTP1",
        port: service.port,
        // Pods are drained quickly on rollouts; 300 s (the default) slows every deployment.
        deregistrationDelay: 30,
        healthCheck: {
          enabled: true,
          protocol: "HTTP",
          port: "traffic-port",
          path: service.healthCheckPath,
          matcher: "200-399",
          interval: 15,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
        // The controller may (de)register targets only in groups tagged for its cluster (its IAM
        // policy's `aws:ResourceTag/elbv2.k8s.aws/cluster` condition, components/cluster).
        tags: { Name: tgName, "elbv2.k8s.aws/cluster": args.clusterName },
      },
      opts,
    );
  }

  const httpsListener = new aws.lb.Listener(
    "https",
    {
      loadBalancerArn: loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: ALB_SSL_POLICY,
      certificateArn: args.certificateArn,
      // Unknown hosts (the raw ALB name, scanners) get a 404; only the rules below forward.
      defaultActions: [
        { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not found" } },
      ],
      tags: { Name: naming.physical("alb-https") },
    },
    opts,
  );
  new aws.lb.Listener(
    "http-redirect",
    {
      loadBalancerArn: loadBalancer.arn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      tags: { Name: naming.physical("alb-http-redirect") },
    },
    opts,
  );

  // Direct API clients by host; CloudFront (origin host + secret header) by path: /api/* to the API,
  // everything else to the storefront. Without the secret the origin host falls through to the 404,
  // so the storefront cannot be reached around CloudFront and its WAF.
  const fromCloudFront = [
    { hostHeader: { values: [args.originHost] } },
    // Either rotation slot (origin-secret.ts): a rule's header values are OR'ed.
    { httpHeader: { httpHeaderName: ORIGIN_VERIFY_HEADER, values: args.originVerifySecrets } },
  ];
  const rules: { key: string; priority: number; conditions: aws.types.input.lb.ListenerRuleCondition[]; target: ServiceName }[] =
    [
      { key: "api-host", priority: 10, conditions: [{ hostHeader: { values: [args.apiHost] } }], target: "api" },
      {
        key: "origin-api-path",
        priority: 20,
        conditions: [...fromCloudFront, { pathPattern: { values: ["/api/*"] } }],
        target: "api",
      },
      { key: "origin-storefront", priority: 30, conditions: fromCloudFront, target: "storefront" },
    ];
  for (const rule of rules) {
    new aws.lb.ListenerRule(
      rule.key,
      {
        listenerArn: httpsListener.arn,
        priority: rule.priority,
        conditions: rule.conditions,
        actions: [{ type: "forward", targetGroupArn: targetGroups[rule.target].arn }],
        tags: { Name: naming.physical(`alb-${rule.key}`) },
      },
      opts,
    );
  }

  return { securityGroup, loadBalancer, targetGroups, httpsListener };
}
