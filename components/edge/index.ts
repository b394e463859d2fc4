import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { EdgeSettings } from "../../infra/sections/edge";
import { Naming } from "../../lib/naming";
import { createAlb, ORIGIN_VERIFY_HEADER, ServiceName, ServiceTarget } from "./alb";
import { ALB_LOG_PREFIX, createAlbLogBucket } from "./alb-logs";
import { createTargetGroupBindings } from "./bindings";
import { createCdn } from "./cdn";
import { dnsValidatedCertificate } from "./certificates";
import { createAliasRecords, createHealthChecks } from "./dns";
import { createShieldProtections } from "./shield";
import { rotatingOriginSecret, rotationPeriod } from "./origin-secret";
import { createWebAcl } from "./waf";

export { ALB_SSL_POLICY, ORIGIN_VERIFY_HEADER } from "./alb";
export type { ServiceName, ServiceTarget } from "./alb";
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
  /** Name of the EKS cluster whose load balancer controller registers the targets (tagged on the target groups). */
  clusterName: pulumi.Input<string>;
  /**
   * Provider of the cluster for workloads: TargetGroupBindings are created through it (it exists
   * only after the namespaces and the load balancer controller, whose chart brings the CRD).
   */
  kubernetesProvider: k8s.Provider;
  /** us-east-1 provider: CloudFront's certificate, its Web ACL (+ logs), log delivery, Shield. */
  usEast1Provider: aws.Provider;
  /** The Kubernetes Services behind the ALB, with their ports and health-check paths. */
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
 * assets from a private bucket, their certificates, access logs and DNS records.
 *
 * Give it the stack's `aws` and `random` providers in `opts.providers`; us-east-1 resources use
 * `usEast1Provider`, the TargetGroupBindings `kubernetesProvider`.
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
  readonly targetGroupArns: Record<ServiceName, pulumi.Output<string>>;

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
    const alb = createAlb(this, {
      naming,
      vpcId: args.vpcId,
      publicSubnetIds: args.publicSubnetIds,
      nodeSecurityGroupId: args.nodeSecurityGroupId,
      clusterName: args.clusterName,
      services: args.services,
      apiHost: args.apiHost,
      originHost: args.originHost,
      originVerifySecrets: origin.accepted,
      certificateArn: albCertificateArn,
      logBucket: albLogs.bucket.id,
      logPrefix: ALB_LOG_PREFIX,
      dependsOn: [albLogs.policy],
      idleTimeoutSeconds: args.idleTimeoutSeconds ?? 60,
      deletionProtection: args.deletionProtection,
    });
    new aws.wafv2.WebAclAssociation(
      "waf-regional-alb",
      { resourceArn: alb.loadBalancer.arn, webAclArn: regionalWaf.webAcl.arn },
      { parent: this },
    );

    const targetGroupArns = Object.fromEntries(Object.entries(alb.targetGroups).map(([k, tg]) => [k, tg.arn])) as Record<
      ServiceName,
      pulumi.Output<string>
    >;
    createTargetGroupBindings(this, args.kubernetesProvider, args.services, targetGroupArns);

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

    const albAlias = { name: alb.loadBalancer.dnsName, zoneId: alb.loadBalancer.zoneId, evaluateTargetHealth: true, ipv6: false };
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
        alb: alb.loadBalancer.arn,
        cdn: cdn.distribution.arn,
      });
    }

    this.albArn = alb.loadBalancer.arn;
    this.albArnSuffix = alb.loadBalancer.arnSuffix;
    this.albDnsName = alb.loadBalancer.dnsName;
    this.albZoneId = alb.loadBalancer.zoneId;
    this.albSecurityGroupId = alb.securityGroup.id;
    this.distributionId = cdn.distribution.id;
    this.distributionDomainName = cdn.distribution.domainName;
    this.staticBucketName = cdn.staticAssets.bucket.bucket;
    this.regionalWebAclArn = regionalWaf.webAcl.arn;
    this.regionalWebAclName = regionalWaf.webAcl.name;
    this.apiHealthUrl = `https://${args.apiHost}${args.services.api.healthCheckPath}`;
    this.cloudfrontWebAclArn = cloudfrontWaf.webAcl.arn;
    this.targetGroupArns = targetGroupArns;
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
      targetGroupArns: this.targetGroupArns,
    });
  }
}
