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
  /** Direct to the Service, or weighted between its stable and canary Services. */
  routing: ServiceRouting;
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

/** How the edge reaches a service: one Service, or Argo Rollouts' stable/canary pair with weights. */
export type ServiceRouting =
  /** The root Service's pods, by port (blue-green: the active Service). */
  | { kind: "direct" }
  /**
   * Weighted target groups: the ALB forwards to the stable and canary Services, and Argo Rollouts
   * moves the weights by rewriting the Ingress's `actions.<root Service>` annotation.
   */
  | { kind: "weighted"; stableService: string; canaryService: string };

export interface AlbSecurityGroupArgs {
  naming: Naming;
  vpcId: pulumi.Input<string>;
  nodeSecurityGroupId: pulumi.Input<string>;
  /** The pods' ports the ALB forwards to. */
  ports: number[];
}

/**
 * The ALB's security group (80/443 in, service ports out to the nodes only) and the matching
 * ingress rules on the node group. Pulumi keeps owning both although the load balancer controller
 * creates the ALB: the Ingresses name this group (`security-groups`) and tell the controller not to
 * manage backend rules, so the opened ports stay those of the flow table and the controller never
 * edits a security group.
 */
export function createAlbSecurityGroup(parent: pulumi.Resource, args: AlbSecurityGroupArgs) {
  const { naming } = args;
  const opts = { parent };
  const ports = [...new Set(args.ports)].sort((a, b) => a - b);

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
  return securityGroup;
}
