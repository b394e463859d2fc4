import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Statement } from "../../lib/iam";
import { customerManagedKey, keyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { secureBucket } from "../../lib/secure-bucket";

/**
 * Managed CloudFront policies by id. Sources: CloudFront developer guide, "Use managed cache
 * policies" and "Use managed origin request policies" (checked 2026-11).
 */
export const MANAGED_CACHE_POLICY = {
  /** Long TTLs (1 day default, 1 year max), no cookies/query strings in the key, gzip + brotli. */
  CachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
  /** TTL 0: every request goes to the origin. */
  CachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
} as const;
export const MANAGED_ORIGIN_REQUEST_POLICY = {
  /** All viewer headers, cookies and query strings except Host (the origin sees its own host name). */
  AllViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
} as const;

/** CloudFront's minimum viewer TLS policy: TLS 1.2 with modern ciphers (CloudFront guide, "Supported protocols and ciphers"). */
export const VIEWER_TLS_POLICY = "TLSv1.2_2021";

const STATIC_ORIGIN = "static-assets";
const ALB_ORIGIN = "alb";

export interface CdnArgs {
  naming: Naming;
  region: string;
  storefrontHost: string;
  /** Host name of the ALB that CloudFront connects to (on the ALB certificate). */
  originHost: string;
  /** ACM certificate in us-east-1 for the storefront host (validated). */
  certificateArn: pulumi.Input<string>;
  /** ARN of the CLOUDFRONT-scope Web ACL (us-east-1). */
  webAclArn: pulumi.Input<string>;
  priceClass: string;
  contentSecurityPolicy: string;
  staticPathPatterns: string[];
  accessLogExpiryDays: number;
  usEast1Provider: aws.Provider;
  protect: boolean;
  /** Secret header CloudFront adds to every request to the ALB (the ALB only serves the origin host with it). */
  originVerify: { name: string; value: pulumi.Input<string> };
}

/**
 * The CloudFront distribution: static assets from a private S3 bucket through Origin Access
 * Control, everything else from the ALB over HTTPS; security response headers; standard logging
 * (v2) to an encrypted bucket.
 */
export function createCdn(parent: pulumi.Resource, args: CdnArgs) {
  const { naming } = args;
  const opts = { parent };
  const east = { parent, provider: args.usEast1Provider };
  const identity = aws.getCallerIdentityOutput({}, opts);
  const partition = identity.arn.apply((arn) => arn.split(":")[1] ?? "aws");

  const oac = new aws.cloudfront.OriginAccessControl(
    "static-oac",
    {
      name: naming.physical("static-assets"),
      description: "CloudFront signs every request to the static-assets bucket",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    },
    opts,
  );

  const headers = new aws.cloudfront.ResponseHeadersPolicy(
    "security-headers",
    {
      name: naming.physical("security-headers"),
      comment: "HSTS, nosniff, no framing, referrer policy, CSP",
      securityHeadersConfig: {
        // Two years, as hstspreload.org requires; `preload` is left to a deliberate decision (hard to undo).
        strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
        contentSecurityPolicy: { contentSecurityPolicy: args.contentSecurityPolicy, override: true },
      },
    },
    opts,
  );

  // The bucket's regional endpoint is derived from its name so that the distribution (and with it
  // the key policy, which names the distribution) can be created before the bucket's encryption.
  const staticBucketName = naming.bucket("static-assets", identity.accountId, args.region);
  const behaviour = {
    viewerProtocolPolicy: "redirect-to-https",
    responseHeadersPolicyId: headers.id,
    compress: true,
  };
  const dynamic = {
    ...behaviour,
    targetOriginId: ALB_ORIGIN,
    allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
    cachedMethods: ["GET", "HEAD"],
    cachePolicyId: MANAGED_CACHE_POLICY.CachingDisabled,
    originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICY.AllViewerExceptHostHeader,
  };
  const distribution = new aws.cloudfront.Distribution(
    "cdn",
    {
      enabled: true,
      comment: `${naming.prefix} storefront`,
      aliases: [args.storefrontHost],
      httpVersion: "http2and3",
      isIpv6Enabled: true,
      priceClass: args.priceClass,
      webAclId: args.webAclArn,
      origins: [
        {
          originId: STATIC_ORIGIN,
          domainName: pulumi.interpolate`${staticBucketName}.s3.${args.region}.amazonaws.com`,
          originAccessControlId: oac.id,
        },
        {
          originId: ALB_ORIGIN,
          domainName: args.originHost,
          customHeaders: [{ name: args.originVerify.name, value: args.originVerify.value }],
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: "https-only",
            originSslProtocols: ["TLSv1.2"],
            originReadTimeout: 30,
            originKeepaliveTimeout: 5,
          },
        },
      ],
      // Storefront pages and the API come from the ALB uncached (per-customer prices and sessions).
      defaultCacheBehavior: dynamic,
      orderedCacheBehaviors: [
        { ...dynamic, pathPattern: "/api/*" },
        ...args.staticPathPatterns.map((pathPattern) => ({
          ...behaviour,
          pathPattern,
          targetOriginId: STATIC_ORIGIN,
          allowedMethods: ["GET", "HEAD", "OPTIONS"],
          cachedMethods: ["GET", "HEAD"],
          cachePolicyId: MANAGED_CACHE_POLICY.CachingOptimized,
        })),
      ],
      viewerCertificate: {
        acmCertificateArn: args.certificateArn,
        minimumProtocolVersion: VIEWER_TLS_POLICY,
        sslSupportMethod: "sni-only",
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      tags: { Name: naming.physical("cdn") },
    },
    opts,
  );

  // Static assets: SSE-KMS with a key only this distribution may decrypt with (OAC + SSE-KMS,
  // CloudFront guide "Restrict access to an Amazon S3 origin", "SSE-KMS").
  const staticKey = customerManagedKey(parent, "static-assets-key", {
    naming,
    aliasStem: "static-assets",
    description: "static assets",
    policy: keyPolicy(identity.accountId, identity.arn, [
      {
        Sid: "ThisDistributionDecrypts",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "AWS:SourceArn": distribution.arn } },
      },
    ]),
    tags: { Name: naming.physical("static-assets"), DataClassification: "public" },
    protect: args.protect,
  });
  const staticAssets = secureBucket(parent, "static-assets", {
    bucketName: staticBucketName,
    // Published assets (JS, CSS, images): public once served, but the bucket itself stays private.
    dataClassification: "public",
    kmsKeyArn: staticKey.arn,
    noncurrentExpireAfterDays: 90,
    protect: args.protect,
    statements: (bucketArn) => [
      {
        Sid: "ThisDistributionReads",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: pulumi.interpolate`${bucketArn}/*`,
        Condition: { StringEquals: { "AWS:SourceArn": distribution.arn } },
      },
    ],
  });

  // Standard logging v2 (CloudWatch vended logs) rather than legacy logging: legacy needs ACLs on
  // the bucket (ObjectWriter ownership); v2 writes as a service principal, so the bucket keeps ACLs
  // disabled and SSE-KMS. Sources and deliveries of CloudFront must live in us-east-1.
  const deliverySourceArns = pulumi.interpolate`arn:${partition}:logs:us-east-1:${identity.accountId}:delivery-source:*`;
  const logsKey = customerManagedKey(parent, "cdn-logs-key", {
    naming,
    aliasStem: "cdn-logs",
    description: "CloudFront access logs",
    policy: keyPolicy(identity.accountId, identity.arn, [
      {
        Sid: "LogDeliveryOfThisAccount",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceAccount": identity.accountId },
          ArnLike: { "aws:SourceArn": deliverySourceArns },
        },
      },
    ]),
    tags: { Name: naming.physical("cdn-logs"), DataClassification: "confidential" },
    protect: args.protect,
  });
  const logs = secureBucket(parent, "cdn-logs", {
    bucketName: naming.bucket("cdn-logs", identity.accountId, args.region),
    // Client IPs, URLs and user agents: personal data.
    dataClassification: "confidential",
    kmsKeyArn: logsKey.arn,
    expireAfterDays: args.accessLogExpiryDays,
    noncurrentExpireAfterDays: 7,
    protect: args.protect,
    // CloudWatch Logs guide, "Logs sent to Amazon S3": write only under AWSLogs/<account>/.
    statements: (bucketArn): Statement[] => [
      {
        Sid: "LogDeliveryWrite",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${identity.accountId}/*`,
        Condition: {
          StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": identity.accountId },
          ArnLike: { "aws:SourceArn": deliverySourceArns },
        },
      },
      {
        Sid: "LogDeliveryAclCheck",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: bucketArn,
        Condition: {
          StringEquals: { "aws:SourceAccount": identity.accountId },
          ArnLike: { "aws:SourceArn": deliverySourceArns },
        },
      },
    ],
  });

  const source = new aws.cloudwatch.LogDeliverySource(
    "cdn-log-source",
    { name: naming.physical("cdn-access-logs"), logType: "ACCESS_LOGS", resourceArn: distribution.arn },
    east,
  );
  const destination = new aws.cloudwatch.LogDeliveryDestination(
    "cdn-log-destination",
    {
      name: naming.physical("cdn-logs-bucket"),
      outputFormat: "parquet",
      deliveryDestinationConfiguration: { destinationResourceArn: logs.bucket.arn },
    },
    { ...east, dependsOn: [logs.policy] },
  );
  new aws.cloudwatch.LogDelivery(
    "cdn-log-delivery",
    { deliverySourceName: source.name, deliveryDestinationArn: destination.arn },
    east,
  );

  return { distribution, oac, headers, staticAssets, staticKey, logs, logsKey };
}
