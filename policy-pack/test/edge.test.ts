import { cfHttpsOrigins } from "../policies/cloudfront/distribution-require-https-origins";
import { cfHttpsViewers } from "../policies/cloudfront/distribution-require-https-viewers";
import { cfLogging } from "../policies/cloudfront/distribution-require-logging";
import { cfTls } from "../policies/cloudfront/distribution-require-tls12-2021";
import { cfWaf } from "../policies/cloudfront/distribution-require-waf";
import { listenerHttpsRedirect } from "../policies/elb/listener-require-https-redirect";
import { listenerTls13 } from "../policies/elb/listener-require-tls13-policy";
import { lbAccessLogs } from "../policies/elb/load-balancer-require-access-logs";
import { lbDeletionProtection } from "../policies/elb/load-balancer-require-deletion-protection";
import { lbDesyncMitigation } from "../policies/elb/load-balancer-require-desync-mitigation";
import { lbDropInvalidHeaders } from "../policies/elb/load-balancer-require-drop-invalid-headers";
import { wafManagedRules } from "../policies/wafv2/web-acl-require-managed-rules";
import { wafMetrics } from "../policies/wafv2/web-acl-require-metrics";
import { UNKNOWN_STRING } from "../lib/props";
import * as assert from "node:assert/strict";
import { analyzeStack, assertEqual, cover, describePolicy, ResourceInput } from "./helpers";

const https = {
  loadBalancerArn: UNKNOWN_STRING,
  port: 443,
  protocol: "HTTPS",
  sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  certificateArn: UNKNOWN_STRING,
  defaultActions: [{ type: "forward", targetGroupArn: UNKNOWN_STRING }],
};
const http = {
  loadBalancerArn: UNKNOWN_STRING,
  port: 80,
  protocol: "HTTP",
  defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
};
const alb = {
  loadBalancerType: "application",
  internal: false,
  accessLogs: { bucket: UNKNOWN_STRING, enabled: true, prefix: "alb" },
  dropInvalidHeaderFields: true,
  desyncMitigationMode: "strictest",
  enableDeletionProtection: true,
};
const distribution = {
  enabled: true,
  webAclId: UNKNOWN_STRING,
  loggingConfig: { bucket: "b2b-prod-logs.s3.amazonaws.com", prefix: "cf/" },
  viewerCertificate: { acmCertificateArn: UNKNOWN_STRING, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
  defaultCacheBehavior: { targetOriginId: "alb", viewerProtocolPolicy: "redirect-to-https" },
  orderedCacheBehaviors: [{ pathPattern: "/static/*", targetOriginId: "assets", viewerProtocolPolicy: "https-only" }],
  origins: [
    {
      originId: "alb",
      domainName: UNKNOWN_STRING,
      customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
    },
    { originId: "assets", domainName: UNKNOWN_STRING, originAccessControlId: UNKNOWN_STRING },
  ],
};
const managed = (name: string, priority: number) => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
  visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name },
});
const acl = {
  scope: "REGIONAL",
  defaultAction: { allow: {} },
  rules: [managed("AWSManagedRulesCommonRuleSet", 1), managed("AWSManagedRulesKnownBadInputsRuleSet", 2)],
  visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: "acl" },
};

describe("policy-pack elb, cloudfront, wafv2", () => {
  describePolicy({
    policy: listenerTls13,
    type: "aws:lb/listener:Listener",
    compliant: https,
    alsoCompliant: [
      { name: "the aws:alb alias type", type: "aws:alb/listener:Listener", change: () => undefined },
      { name: "an HTTP redirect listener (no TLS)", change: (p) => Object.assign(p, http, { sslPolicy: undefined }) },
      { name: "a TCP listener (no TLS)", change: (p) => ((p.protocol = "TCP"), (p.sslPolicy = "ELBSecurityPolicy-2016-08")) },
    ],
    violations: [
      {
        name: "the 2016 default policy",
        change: (p) => (p.sslPolicy = "ELBSecurityPolicy-2016-08"),
        expect: "sslPolicy is ELBSecurityPolicy-2016-08",
      },
      { name: "no policy", change: (p) => delete p.sslPolicy, expect: "allows TLS 1.0" },
      {
        name: "a TLS (NLB) listener with an old policy",
        change: (p) => ((p.protocol = "TLS"), (p.sslPolicy = "ELBSecurityPolicy-2016-08")),
        expect: "sslPolicy is ELBSecurityPolicy-2016-08",
      },
    ],
    unknown: ["protocol", "sslPolicy"],
  });
  describePolicy({
    policy: listenerHttpsRedirect,
    type: "aws:lb/listener:Listener",
    compliant: http,
    alsoCompliant: [{ name: "an HTTPS listener forwarding", change: (p) => Object.assign(p, https) }],
    violations: [
      {
        name: "HTTP forwarding",
        change: (p) => (p.defaultActions = [{ type: "forward", targetGroupArn: "arn" }]),
        expect: "defaultActions[0] is forward on an HTTP listener",
      },
      {
        name: "a redirect to HTTP",
        change: (p) => (p.defaultActions = [{ type: "redirect", redirect: { protocol: "HTTP", port: "8080" } }]),
        expect: "defaultActions[0] is redirect on an HTTP listener",
      },
      {
        name: "a redirect without its block",
        change: (p) => (p.defaultActions = [{ type: "redirect" }]),
        expect: "defaultActions[0] is redirect",
      },
      {
        name: "a second action that forwards",
        change: (p) => p.defaultActions.push({ type: "forward", targetGroupArn: "arn" }),
        expect: "defaultActions[1] is forward on an HTTP listener",
      },
      {
        name: "an HTTPS redirect given as a fixed response type",
        change: (p) => (p.defaultActions = [{ type: "fixed-response", redirect: { protocol: "HTTPS" } }]),
        expect: "defaultActions[0] is fixed-response",
      },
    ],
    unknown: ["protocol", "defaultActions"],
  });
  describePolicy({
    policy: lbAccessLogs,
    type: "aws:lb/loadBalancer:LoadBalancer",
    compliant: alb,
    violations: [
      { name: "logs disabled", change: (p) => (p.accessLogs.enabled = false), expect: "Access logs are off" },
      { name: "no accessLogs", change: (p) => delete p.accessLogs, expect: "Access logs are off" },
    ],
  });
  describePolicy({
    policy: lbDropInvalidHeaders,
    type: "aws:lb/loadBalancer:LoadBalancer",
    compliant: alb,
    alsoCompliant: [
      { name: "a network load balancer", change: (p) => ((p.loadBalancerType = "network"), delete p.dropInvalidHeaderFields) },
    ],
    violations: [
      {
        name: "invalid headers passed on",
        change: (p) => (p.dropInvalidHeaderFields = false),
        expect: "dropInvalidHeaderFields is off",
      },
      {
        name: "unset on an unset type (application)",
        change: (p) => (delete p.loadBalancerType, delete p.dropInvalidHeaderFields),
        expect: "dropInvalidHeaderFields is off",
      },
    ],
    unknown: ["dropInvalidHeaderFields"],
  });
  describePolicy({
    policy: lbDesyncMitigation,
    type: "aws:lb/loadBalancer:LoadBalancer",
    compliant: alb,
    alsoCompliant: [
      { name: "the default (defensive)", change: (p) => delete p.desyncMitigationMode },
      {
        name: "a network load balancer (no HTTP desync)",
        change: (p) => ((p.loadBalancerType = "network"), (p.desyncMitigationMode = "monitor")),
      },
    ],
    violations: [
      { name: "monitor mode", change: (p) => (p.desyncMitigationMode = "monitor"), expect: "desyncMitigationMode is monitor" },
      {
        name: "off on an unset type (application by default)",
        change: (p) => (delete p.loadBalancerType, (p.desyncMitigationMode = "monitor")),
        expect: "desyncMitigationMode is monitor",
      },
    ],
    unknown: ["desyncMitigationMode"],
  });
  describePolicy({
    policy: lbDeletionProtection,
    type: "aws:lb/loadBalancer:LoadBalancer",
    compliant: alb,
    violations: [
      {
        name: "deletion protection off",
        change: (p) => (p.enableDeletionProtection = false),
        expect: "enableDeletionProtection is off",
      },
    ],
  });
  const cf = "aws:cloudfront/distribution:Distribution";
  describePolicy({
    policy: cfTls,
    type: cf,
    compliant: distribution,
    violations: [
      {
        name: "TLSv1.2_2019",
        change: (p) => (p.viewerCertificate.minimumProtocolVersion = "TLSv1.2_2019"),
        expect: "minimumProtocolVersion is TLSv1.2_2019",
      },
      {
        name: "the default certificate",
        change: (p) => (p.viewerCertificate = { cloudfrontDefaultCertificate: true }),
        expect: "default *.cloudfront.net certificate",
      },
    ],
  });
  describePolicy({
    policy: cfHttpsViewers,
    type: cf,
    compliant: distribution,
    violations: [
      {
        name: "allow-all on the default behaviour",
        change: (p) => (p.defaultCacheBehavior.viewerProtocolPolicy = "allow-all"),
        expect: "defaultCacheBehavior.viewerProtocolPolicy is allow-all",
      },
      {
        name: "allow-all on an ordered behaviour",
        change: (p) => (p.orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all"),
        expect: "orderedCacheBehaviors[0]",
      },
    ],
    unknown: [
      "orderedCacheBehaviors",
      "orderedCacheBehaviors.0.viewerProtocolPolicy",
      "defaultCacheBehavior.viewerProtocolPolicy",
    ],
  });
  describePolicy({
    policy: cfHttpsOrigins,
    type: cf,
    compliant: distribution,
    violations: [
      {
        name: "match-viewer to the ALB",
        change: (p) => (p.origins[0].customOriginConfig.originProtocolPolicy = "match-viewer"),
        expect: "Origin alb uses originProtocolPolicy match-viewer",
      },
      {
        name: "TLSv1 to the origin",
        change: (p) => (p.origins[0].customOriginConfig.originSslProtocols = ["TLSv1", "TLSv1.2"]),
        expect: "allows TLSv1, TLSv1.2",
      },
      {
        name: "an origin with a protocol policy of http-only and TLS 1.1",
        change: (p) => (
          (p.origins[0].customOriginConfig.originProtocolPolicy = "http-only"),
          (p.origins[0].customOriginConfig.originSslProtocols = ["TLSv1.1"])
        ),
        expect: "Origin alb uses originProtocolPolicy http-only",
      },
      {
        name: "SSLv3 alone",
        change: (p) => (p.origins[0].customOriginConfig.originSslProtocols = ["SSLv3"]),
        expect: "allows SSLv3",
      },
    ],
    alsoCompliant: [
      { name: "TLS 1.3 only", change: (p) => (p.origins[0].customOriginConfig.originSslProtocols = ["TLSv1.3"]) },
      {
        name: "an S3 origin without a custom block",
        change: (p) => (p.origins = [{ originId: "s3", domainName: "b.s3.amazonaws.com" }]),
      },
    ],
    unknown: ["origins", "origins.0.customOriginConfig.originProtocolPolicy"],
  });
  describePolicy({
    policy: cfWaf,
    type: cf,
    compliant: distribution,
    violations: [{ name: "no web ACL", change: (p) => delete p.webAclId, expect: "No webAclId" }],
  });
  describe(cfLogging.name, () => {
    cover(cfLogging.name, 2, 3);
    const urn = (type: string, name: string) => `urn:pulumi:prod::b2b-commerce::${type}::${name}`;
    const cdnUrn = urn(cf, "cdn");
    const sourceUrn = urn("aws:cloudwatch/logDeliverySource:LogDeliverySource", "cdn-source");
    const cdn: ResourceInput = { type: cf, name: "cdn", urn: cdnUrn, props: distribution };
    const withoutLegacy: ResourceInput = { ...cdn, props: { ...distribution, loggingConfig: undefined } };
    const source: ResourceInput = {
      type: "aws:cloudwatch/logDeliverySource:LogDeliverySource",
      name: "cdn-source",
      urn: sourceUrn,
      props: { logType: "ACCESS_LOGS", resourceArn: UNKNOWN_STRING, name: UNKNOWN_STRING },
      propertyDependencies: { resourceArn: [cdnUrn] },
    };
    const delivery: ResourceInput = {
      type: "aws:cloudwatch/logDelivery:LogDelivery",
      name: "cdn-delivery",
      urn: urn("aws:cloudwatch/logDelivery:LogDelivery", "cdn-delivery"),
      props: { deliverySourceName: UNKNOWN_STRING, deliveryDestinationArn: UNKNOWN_STRING },
      propertyDependencies: { deliverySourceName: [sourceUrn] },
    };
    const messages = async (resources: ResourceInput[]) =>
      (await analyzeStack(cfLogging, resources)).diagnostics.map((d) => d.message);

    it("passes legacy standard logging (loggingConfig.bucket)", async () =>
      assertEqual(await messages([cdn]), [], "diagnostics"));
    it("passes standard logging v2: an ACCESS_LOGS delivery source for the distribution with a delivery", async () =>
      assertEqual(await messages([withoutLegacy, source, delivery]), [], "diagnostics"));
    it("reports a distribution with neither", async () => {
      assert.match((await messages([withoutLegacy])).join("\n"), /Distribution cdn writes no access logs/);
    });
    it("reports a v2 source without a delivery", async () => {
      assert.match((await messages([withoutLegacy, source])).join("\n"), /Distribution cdn writes no access logs/);
    });
    it("reports a delivery source of another log type", async () => {
      const other = { ...source, props: { ...source.props, logType: "CONNECTION_LOGS" } };
      assert.match((await messages([withoutLegacy, other, delivery])).join("\n"), /Distribution cdn writes no access logs/);
    });
  });
  describePolicy({
    policy: wafManagedRules,
    type: "aws:wafv2/webAcl:WebAcl",
    compliant: acl,
    violations: [
      {
        name: "no rules",
        change: (p) => (p.rules = []),
        expect: "AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet",
      },
      {
        name: "a configured extra group missing",
        change: () => undefined,
        expect: "AWSManagedRulesSQLiRuleSet",
        config: { requiredRuleGroups: ["AWSManagedRulesSQLiRuleSet"] },
      },
    ],
    unknown: ["rules"],
  });
  describePolicy({
    policy: wafMetrics,
    type: "aws:wafv2/webAcl:WebAcl",
    compliant: acl,
    violations: [
      {
        name: "metrics off",
        change: (p) => (p.visibilityConfig.cloudwatchMetricsEnabled = false),
        expect: "cloudwatchMetricsEnabled is off",
      },
    ],
  });
});
