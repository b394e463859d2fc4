import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { EdgeSettings } from "../../infra/sections/edge";
import { Naming } from "../../lib/naming";
import { createAlbSecurityGroup, ORIGIN_VERIFY_HEADER, ServiceName, ServiceTarget } from "./alb";
import { ALB_LOG_PREFIX, createAlbLogBucket } from "./alb-logs";
import { createCdn } from "./cdn";
import { dnsValidatedCertificate } from "./certificates";
import { createAliasRecords, createHealthChecks } from "./dns";
import { createIngresses, ROUTES } from "./ingress";
import { createShieldProtections } from "./shield";
import { rotatingOriginSecret, rotationPeriod } from "./origin-secret";
import { createWebAcl } from "./waf";

export { ALB_SSL_POLICY, ORIGIN_VERIFY_HEADER } from "./alb";
export type { ServiceName, ServiceRouting, ServiceTarget } from "./alb";
export { originConditions } from "./ingress";

/** Name of the REGIONAL Web ACL (the load balancer controller's IAM may attach only this one). */
export const regionalWebAclName = (naming: Naming) => naming.physical("waf-regional");
/** Name of the IngressGroup and of the IngressClassParams the cluster's `alb` IngressClass refers to. */
export const edgeIngressGroup = (naming: Naming) => naming.physical("edge");
export { MANAGED_CACHE_POLICY, MANAGED_ORIGIN_REQUEST_POLICY, VIEWER_TLS_POLICY } from "./cdn";
export { ANONYMOUS_IP_RULE_GROUP, MANAGED_RULE_GROUPS, REDACTED_HEADERS } from "./waf";

/** The API's path on the storefront host (CloudFront behaviour and ALB rule `/api/*`). */
const API_PATH_PREFIX = "/api/";

export type PriceClass = EdgeSettings["priceClass"];

/** The validated `edge` config section (infra/sections/edge.ts) and what the program wires in. */
export interface EdgeArgs extends Omit<EdgeSettings, "servicePorts"> {
  /** Builds physical names (`<project>-<stack>-<name>`). */
  naming: Naming;
  /** The stack's region (the ALB, its WAF and the buckets live here). */
  region: string;
  /** VPC of the ALB and its target groups. */
  vpcId: pulumi.Input<string>;
  /** Public subnets the internet-facing ALB is placed in (one per AZ). */
  publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group of the cluster's nodes and pods: the ALB's only egress destination. */
  nodeSecurityGroupId: pulumi.Input<string>;
  /**
   * Provider of the cluster for workloads: the Ingresses are created through it (it exists only
   * after the namespaces and the load balancer controller, whose chart brings the IngressClass).
   */
  kubernetesProvider: k8s.Provider;
  /** us-east-1 provider: CloudFront's certificate, its Web ACL (+ logs), log delivery, Shield. */
  usEast1Provider: aws.Provider;
  /** The Kubernetes Services behind the ALB, with their ports, health-check paths and routing. */
  services: Record<ServiceName, ServiceTarget>;
  /** Paths CloudFront serves from the static-assets bucket. Default ["/static/*"]. */
  staticPathPatterns?: string[];
  /** ALB idle timeout in seconds. Default 60. */
  idleTimeoutSeconds?: number;
  /** ALB deletion protection (prod); false lets dev/staging be destroyed. */
  deletionProtection: boolean;
  /** `protect` the buckets, keys and log groups (prod). */
  protect: boolean;
  /** The moment that decides the origin secret's rotation period; default: now. Tests pin it. */
  now?: Date;
  /**
   * Route 53 health checks of the public hosts and failover records for the ALB-backed ones (API,
   * origin): PRIMARY the ALB, SECONDARY the given DR load balancer. Default: simple alias records.
   */
  dnsFailover?: { secondary?: { dnsName: pulumi.Input<string>; zoneId: pulumi.Input<string> } };
}

/**
 * The edge of the platform: a WAF-protected internet-facing ALB in front of the cluster's
 * storefront and API services, a CloudFront distribution (own WAF) for the storefront with static
 * assets from a private bucket, their certificates, access logs and DNS records. The ALB is built
 * by the AWS Load Balancer Controller from the Ingresses of ingress.ts (so Argo Rollouts can weight
 * canaries through it); Pulumi keeps its security group, certificate, Web ACL and log bucket.
 *
 * Give it the stack's `aws` and `random` providers in `opts.providers`; us-east-1 resources use
 * `usEast1Provider`, the Ingresses `kubernetesProvider`.
 */
export class Edge extends pulumi.ComponentResource {
  readonly albArn: pulumi.Output<string>;
  /** `app/<name>/<id>`: the `LoadBalancer` dimension of the ALB's CloudWatch metrics. */
  readonly albArnSuffix: pulumi.Output<string>;
  readonly albDnsName: pulumi.Output<string>;
  readonly albZoneId: pulumi.Output<string>;
  readonly albSecurityGroupId: pulumi.Output<string>;
  readonly distributionId: pulumi.Output<string>;
  readonly distributionDomainName: pulumi.Output<string>;
  readonly staticBucketName: pulumi.Output<string>;
  readonly regionalWebAclArn: pulumi.Output<string>;
  /** Name of the REGIONAL Web ACL: the `WebACL` dimension of its CloudWatch metrics. */
  readonly regionalWebAclName: pulumi.Output<string>;
  /** The API's public health URL (`https://<apiHost><api health-check path>`), for a canary. */
  readonly apiHealthUrl: string;
  readonly cloudfrontWebAclArn: pulumi.Output<string>;
  /** The Ingresses routing to each service (a canary Rollout's `trafficRouting.alb.ingresses`). */
  readonly ingresses: Record<ServiceName, k8s.networking.v1.Ingress[]>;
  readonly ingressNames: Record<ServiceName, string[]>;

  constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("b2b:edge:Edge", name, {}, opts);
    const { naming } = args;
    const { protect, accessLogExpiryDays } = args;
    // The secret CloudFront sends to the ALB, rotated every `originSecretRotationDays` (origin-secret.ts).
    const origin = rotatingOriginSecret(this, rotationPeriod(args.originSecretRotationDays, args.now ?? new Date()));
    const originHeader = { name: ORIGIN_VERIFY_HEADER, value: origin.current };
    const zone = aws.route53.getZoneOutput({ name: args.hostedZoneName, privateZone: false }, { parent: this });

    const wafSettings = {
      naming,
      rateLimit: args.wafRateLimit,
      blockedIpCidrs: args.blockedIpCidrs,
      blockAnonymousIps: args.blockAnonymousIps,
      logRetentionDays: args.wafLogRetentionDays,
      apiMaxBodyBytes: args.apiMaxRequestBodyKiB * 1024,
      protect,
    };
    // Attached by the load balancer controller (the Ingresses' `wafv2-acl-arn`).
    const regionalWaf = createWebAcl(this, "waf-regional", {
      ...wafSettings,
      scope: "REGIONAL",
      region: args.region,
      trustedOriginHeader: { name: ORIGIN_VERIFY_HEADER, values: origin.accepted },
      // Direct clients on the API host, and /api/* forwarded by CloudFront on the origin host.
      apiRequest: { host: args.apiHost, pathPrefix: API_PATH_PREFIX },
    });
    const cloudfrontWaf = createWebAcl(this, "waf-cloudfront", {
      ...wafSettings,
      scope: "CLOUDFRONT",
      region: "us-east-1",
      apiRequest: { pathPrefix: API_PATH_PREFIX },
      provider: args.usEast1Provider,
    });

    const albCertificateArn = dnsValidatedCertificate(this, "alb-cert", {
      domains: [args.apiHost, args.originHost],
      zoneId: zone.zoneId,
      tagName: naming.physical("alb"),
    });
    const cdnCertificateArn = dnsValidatedCertificate(this, "cdn-cert", {
      domains: [args.storefrontHost],
      zoneId: zone.zoneId,
      provider: args.usEast1Provider,
      tagName: naming.physical("cdn"),
    });

    const albLogs = createAlbLogBucket(this, { naming, region: args.region, expireAfterDays: accessLogExpiryDays, protect });
    const securityGroup = createAlbSecurityGroup(this, {
      naming,
      vpcId: args.vpcId,
      nodeSecurityGroupId: args.nodeSecurityGroupId,
      ports: Object.values(args.services).map((s) => s.port),
    });
    // A new name, not the former Pulumi ALB's: both exist during the switch-over (docs/edge.md).
    const albName = naming.physical("ingress", "loadBalancer");
    const ingressByRoute = createIngresses(this, {
      provider: args.kubernetesProvider,
      classParamsName: edgeIngressGroup(naming),
      services: args.services,
      hosts: { api: args.apiHost, origin: args.originHost },
      loadBalancer: {
        name: albName,
        groupName: edgeIngressGroup(naming),
        subnetIds: args.publicSubnetIds,
        securityGroupId: securityGroup.id,
        certificateArn: albCertificateArn,
        webAclArn: regionalWaf.webAcl.arn,
        logBucket: albLogs.bucket.id,
        logPrefix: ALB_LOG_PREFIX,
        idleTimeoutSeconds: args.idleTimeoutSeconds ?? 60,
        deletionProtection: args.deletionProtection,
      },
      originVerifySecrets: origin.accepted,
      dependsOn: [albLogs.policy],
      protect,
    });
    const ingressList = Object.values(ingressByRoute);
    // Read after every Ingress is ready (Pulumi's Ingress await ends when the controller has written
    // `status.loadBalancer`): at the first preview the ALB does not exist yet and this stays unknown.
    const alb = aws.lb.getLoadBalancerOutput(
      { name: pulumi.all(ingressList.map((i) => i.status)).apply(() => albName) },
      { parent: this },
    );
    const routesOf = (service: ServiceName) => ROUTES.filter((r) => r.service === service);
    this.ingresses = { storefront: [], api: [] };
    this.ingressNames = { storefront: [], api: [] };
    for (const key of Object.keys(args.services) as ServiceName[]) {
      this.ingresses[key] = routesOf(key).map((r) => ingressByRoute[r.name]);
      this.ingressNames[key] = routesOf(key).map((r) => r.name);
    }

    const cdn = createCdn(this, {
      naming,
      region: args.region,
      storefrontHost: args.storefrontHost,
      originHost: args.originHost,
      certificateArn: cdnCertificateArn,
      webAclArn: cloudfrontWaf.webAcl.arn,
      priceClass: args.priceClass,
      contentSecurityPolicy: args.contentSecurityPolicy,
      staticPathPatterns: args.staticPathPatterns ?? ["/static/*"],
      accessLogExpiryDays,
      usEast1Provider: args.usEast1Provider,
      protect,
      originVerify: originHeader,
    });

    const albAlias = { name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true, ipv6: false };
    const health = args.dnsFailover
      ? createHealthChecks(this, naming.physical("health"), {
          storefront: { host: args.storefrontHost, path: args.services.storefront.healthCheckPath },
          api: { host: args.apiHost, path: args.services.api.healthCheckPath },
        })
      : undefined;
    const secondary = args.dnsFailover?.secondary && {
      name: args.dnsFailover.secondary.dnsName,
      zoneId: args.dnsFailover.secondary.zoneId,
    };
    const failoverOf = (check: aws.route53.HealthCheck | undefined) => check && { healthCheckId: check.id, secondary };
    createAliasRecords(this, zone.zoneId, {
      [args.storefrontHost]: {
        name: cdn.distribution.domainName,
        zoneId: cdn.distribution.hostedZoneId,
        evaluateTargetHealth: false,
        ipv6: true,
      },
      [args.apiHost]: { ...albAlias, failover: failoverOf(health?.api) },
      // The ALB serves the origin host only to requests carrying CloudFront's secret header, which
      // Route 53 checkers cannot send: the origin fails over with the API's check (same ALB).
      [args.originHost]: { ...albAlias, failover: failoverOf(health?.api) },
    });

    if (args.shieldAdvanced) {
      createShieldProtections(this, naming, args.usEast1Provider, {
        alb: alb.arn,
        cdn: cdn.distribution.arn,
      });
    }

    this.albArn = alb.arn;
    this.albArnSuffix = alb.arnSuffix;
    this.albDnsName = alb.dnsName;
    this.albZoneId = alb.zoneId;
    this.albSecurityGroupId = securityGroup.id;
    this.distributionId = cdn.distribution.id;
    this.distributionDomainName = cdn.distribution.domainName;
    this.staticBucketName = cdn.staticAssets.bucket.bucket;
    this.regionalWebAclArn = regionalWaf.webAcl.arn;
    this.regionalWebAclName = regionalWaf.webAcl.name;
    this.apiHealthUrl = `https://${args.apiHost}${args.services.api.healthCheckPath}`;
    this.cloudfrontWebAclArn = cloudfrontWaf.webAcl.arn;
    this.registerOutputs({
      albArn: this.albArn,
      albArnSuffix: this.albArnSuffix,
      albDnsName: this.albDnsName,
      albZoneId: this.albZoneId,
      albSecurityGroupId: this.albSecurityGroupId,
      distributionId: this.distributionId,
      distributionDomainName: this.distributionDomainName,
      staticBucketName: this.staticBucketName,
      regionalWebAclArn: this.regionalWebAclArn,
      regionalWebAclName: this.regionalWebAclName,
      apiHealthUrl: this.apiHealthUrl,
      cloudfrontWebAclArn: this.cloudfrontWebAclArn,
      ingressNames: this.ingressNames,
    });
  }
}
