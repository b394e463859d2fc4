import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { customerManagedKey, logsKeyPolicy } from "../../lib/kms";
import { Naming } from "../../lib/naming";
import { ApiRequestMatch, bodySizeRules, CLOUDFRONT_BODY_INSPECTION_LIMIT, CRS_BODY_SIZE_RULE } from "./waf-body-size";

/**
 * AWS managed rule groups every Web ACL runs, in evaluation order after the IP block and rate
 * rules. Names from the AWS WAF developer guide, "AWS Managed Rules rule groups list" (checked
 * 2026-11). Unversioned: AWS updates them in place (static versions would need manual bumps).
 */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesAmazonIpReputationList",
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
  "AWSManagedRulesSQLiRuleSet",
] as const;
/** Blocks VPNs, Tor exit nodes and hosting providers: false positives for some B2B buyers, so prod only by default. */
export const ANONYMOUS_IP_RULE_GROUP = "AWSManagedRulesAnonymousIpList";

/** Headers never written to WAF logs: credentials and session cookies. */
export const REDACTED_HEADERS = ["authorization", "cookie"] as const;

export interface WebAclArgs {
  naming: Naming;
  scope: "REGIONAL" | "CLOUDFRONT";
  /** Region of the ACL (us-east-1 for CLOUDFRONT); its log key is bound to this region's Logs service. */
  region: string;
  /** Provider for the ACL's region; omitted: the component's (stack-region) provider. */
  provider?: aws.Provider;
  rateLimit: number;
  blockedIpCidrs: string[];
  blockAnonymousIps: boolean;
  logRetentionDays: number;
  protect: boolean;
  /**
   * A header CloudFront adds to its origin requests (REGIONAL ACL only). Requests carrying it skip
   * the per-IP rate rule here: their source IPs are CloudFront's, which many viewers share, and the
   * CLOUDFRONT ACL has already rate-limited them by the real client IP. Its value is redacted from logs.
   */
  trustedOriginHeader?: { name: string; values: pulumi.Input<string>[] };
  /** Which requests are the API's (they get `apiMaxBodyBytes` instead of the managed 8 KB limit). */
  apiRequest: ApiRequestMatch;
  /** Largest request body the API accepts, in bytes (from its declared Content-Length). */
  apiMaxBodyBytes: number;
}

/**
 * A WAFv2 Web ACL: block listed IPs, rate-limit each client IP, then the AWS managed rule groups;
 * CloudWatch metrics and sampled requests on every rule; full logs (credentials redacted) to an
 * `aws-waf-logs-` group encrypted with its own key. Used for both scopes.
 */
export function createWebAcl(parent: pulumi.Resource, name: string, args: WebAclArgs) {
  const { naming } = args;
  const opts = args.provider ? { parent, provider: args.provider } : { parent };
  const identity = aws.getCallerIdentityOutput({}, opts);
  const metric = (rule: string) => ({
    cloudwatchMetricsEnabled: true,
    sampledRequestsEnabled: true,
    metricName: `${name}-${rule}`,
  });

  const blocked = new aws.wafv2.IpSet(
    `${name}-blocked-ips`,
    {
      name: naming.physical(`${name}-blocked-ips`),
      description: "Client IPs blocked by config (edge.blockedIpCidrs)",
      scope: args.scope,
      ipAddressVersion: "IPV4",
      addresses: args.blockedIpCidrs,
      tags: { Name: naming.physical(`${name}-blocked-ips`) },
    },
    opts,
  );

  const bodySize = bodySizeRules(args.apiRequest, args.apiMaxBodyBytes, metric);
  const groups: string[] = [...MANAGED_RULE_GROUPS, ...(args.blockAnonymousIps ? [ANONYMOUS_IP_RULE_GROUP] : [])];
  const webAcl = new aws.wafv2.WebAcl(
    name,
    {
      name: naming.physical(name),
      description: `${args.scope} Web ACL of ${naming.prefix}`,
      scope: args.scope,
      defaultAction: { allow: {} },
      rules: [
        {
          name: "blocked-ips",
          priority: 0,
          action: { block: {} },
          statement: { ipSetReferenceStatement: { arn: blocked.arn } },
          visibilityConfig: metric("blocked-ips"),
        },
        {
          name: "rate-limit-per-ip",
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: args.rateLimit,
              aggregateKeyType: "IP",
              evaluationWindowSec: 300,
              ...(args.trustedOriginHeader
                ? {
                    scopeDownStatement: {
                      notStatement: {
                        // Either rotation slot; the secrets are alphanumeric, so no regex escaping.
                        statement: {
                          regexMatchStatement: {
                            fieldToMatch: { singleHeader: { name: args.trustedOriginHeader.name } },
                            regexString: pulumi.secret(
                              pulumi.all(args.trustedOriginHeader.values).apply((v) => `^(${v.join("|")})$`),
                            ),
                            textTransformations: [{ priority: 0, type: "NONE" }],
                          },
                        },
                      },
                    },
                  }
                : {}),
            },
          },
          visibilityConfig: metric("rate-limit-per-ip"),
        },
        ...bodySize.beforeManaged,
        ...groups.map((group, i) => ({
          name: group,
          priority: 10 + i,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: "AWS",
              name: group,
              // At the ALB, hosting-provider sources are expected: B2B integrations calling the API from
              // their clouds, and CloudFront itself. Counted, not blocked; CloudFront's ACL still blocks them.
              ...(group === ANONYMOUS_IP_RULE_GROUP && args.scope === "REGIONAL"
                ? { ruleActionOverrides: [{ name: "HostingProviderIPList", actionToUse: { count: {} } }] }
                : {}),
              // Counted here, re-applied to non-API requests by body-size-non-api (waf-body-size.ts).
              ...(group === "AWSManagedRulesCommonRuleSet"
                ? { ruleActionOverrides: [{ name: CRS_BODY_SIZE_RULE, actionToUse: { count: {} } }] }
                : {}),
            },
          },
          visibilityConfig: metric(group),
        })),
        ...bodySize.afterManaged,
      ],
      // CloudFront's body inspection size, set rather than left to the default (ALBs are fixed at 8 KB).
      ...(args.scope === "CLOUDFRONT"
        ? {
            associationConfig: {
              requestBodies: [{ cloudfront: { defaultSizeInspectionLimit: CLOUDFRONT_BODY_INSPECTION_LIMIT } }],
            },
          }
        : {}),
      visibilityConfig: metric("acl"),
      tags: { Name: naming.physical(name) },
    },
    opts,
  );

  const key = customerManagedKey(parent, `${name}-logs-key`, {
    naming,
    aliasStem: `${name}-logs`,
    description: `${args.scope} WAF logs`,
    policy: logsKeyPolicy(identity.accountId, identity.arn, args.region),
    tags: { Name: naming.physical(`${name}-logs`), DataClassification: "confidential" },
    protect: args.protect,
    provider: args.provider,
  });

  // WAF only logs to groups whose name starts with `aws-waf-logs-` (WAF guide, "CloudWatch Logs").
  // The logs hold client IPs, URIs and headers: personal data, hence confidential.
  const logGroupName = `aws-waf-logs-${naming.physical(name)}`;
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    {
      name: logGroupName,
      retentionInDays: args.logRetentionDays,
      kmsKeyId: key.arn,
      tags: { Name: logGroupName, DataClassification: "confidential" },
    },
    { ...opts, protect: args.protect },
  );
  new aws.wafv2.WebAclLoggingConfiguration(
    `${name}-logging`,
    {
      resourceArn: webAcl.arn,
      logDestinationConfigs: [logGroup.arn],
      redactedFields: [...REDACTED_HEADERS, ...(args.trustedOriginHeader ? [args.trustedOriginHeader.name] : [])].map(
        (header) => ({
          singleHeader: { name: header },
        }),
      ),
    },
    opts,
  );
  return { webAcl, blocked, logGroup, key };
}
