/**
 * Stack policies on the edge of a stack: API Gateway stages behind WAF, Route 53 public zones
 * with query logging and DNSSEC signing, CloudFront S3 origins behind origin access control.
 * Each stack starts compliant at preview (ids unknown, references as property dependencies);
 * each case changes one thing.
 */
import * as assert from "node:assert/strict";
import type { PackPolicy } from "../lib/policy";
import { UNKNOWN_STRING } from "../lib/props";
import { apigatewayStageWafAssociation } from "../policies/stack/api-gateway-stage-require-waf-association";
import { cloudfrontS3OriginAccessControl } from "../policies/stack/cloudfront-distribution-require-s3-origin-access-control";
import { route53ZoneDnssecSigning } from "../policies/stack/route53-zone-require-dnssec-signing";
import { route53ZoneQueryLogging } from "../policies/stack/route53-zone-require-query-logging";
import { analyzeStack, cover, mutate, type ResourceInput } from "./helpers";

const urn = (type: string, name: string) => `urn:pulumi:prod::b2b-commerce::${type}::${name}`;
function res(
  type: string,
  name: string,
  props: Record<string, unknown>,
  deps: Record<string, [string, string][]> = {},
): ResourceInput {
  return {
    type,
    name,
    urn: urn(type, name),
    props,
    propertyDependencies: Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.map(([t, n]) => urn(t, n))])),
  };
}

const API = "aws:apigateway/restApi:RestApi";
const STAGE = "aws:apigateway/stage:Stage";
const ASSOC = "aws:wafv2/webAclAssociation:WebAclAssociation";
const ZONE = "aws:route53/zone:Zone";
const DNSSEC = "aws:route53/hostedZoneDnsSec:HostedZoneDnsSec";
const KSK = "aws:route53/keySigningKey:KeySigningKey";
const QUERY_LOG = "aws:route53/queryLog:QueryLog";
const DIST = "aws:cloudfront/distribution:Distribution";
const OAC = "aws:cloudfront/originAccessControl:OriginAccessControl";

interface Case {
  name: string;
  change: (rs: ResourceInput[]) => ResourceInput[];
  expect?: string;
}

const edit = (name: string, f: (r: ResourceInput) => void) => (rs: ResourceInput[]) =>
  rs.map((r) => (r.name === name ? mutate(r, f) : r));
const drop = (name: string) => (rs: ResourceInput[]) => rs.filter((r) => r.name !== name);

/** Compliant stack, compliant variants, one-change violations, and one-value-unknown cases. */
function describeStack(policy: PackPolicy, base: ResourceInput[], f: { compliant: Case[]; violations: Case[]; unknown: Case[] }) {
  cover(policy.name, 1 + f.compliant.length, f.violations.length, f.unknown.length);
  describe(policy.name, () => {
    it("passes the compliant stack", async () => assert.deepEqual((await analyzeStack(policy, base)).diagnostics, []));
    for (const c of f.compliant)
      it(`passes: ${c.name}`, async () => assert.deepEqual((await analyzeStack(policy, c.change(base))).diagnostics, []));
    for (const c of f.violations)
      it(`reports: ${c.name}`, async () => {
        const r = await analyzeStack(policy, c.change(base));
        assert.equal(r.cannotRunAtPreview, false);
        assert.ok(
          r.diagnostics.some(
            (d) => d.message.includes(c.expect!) && d.enforcementLevel === "mandatory" && d.policyName === policy.name,
          ),
          `no mandatory "${c.expect}" in ${JSON.stringify(r.diagnostics)}`,
        );
      });
    for (const c of f.unknown)
      it(`cannot decide at preview: ${c.name}`, async () => {
        const r = await analyzeStack(policy, c.change(base));
        assert.deepEqual([r.violations, r.cannotRunAtPreview], [[], true]);
      });
  });
}

describe("policy-pack stack policies: API Gateway, Route 53, CloudFront", () => {
  describeStack(
    apigatewayStageWafAssociation,
    [
      res(API, "shop-api", { name: "shop", endpointConfiguration: { types: "REGIONAL" }, id: UNKNOWN_STRING }),
      res(STAGE, "prod", { stageName: "prod", restApi: UNKNOWN_STRING, arn: UNKNOWN_STRING }, { restApi: [[API, "shop-api"]] }),
      res(ASSOC, "prod-waf", { resourceArn: UNKNOWN_STRING, webAclArn: UNKNOWN_STRING }, { resourceArn: [[STAGE, "prod"]] }),
    ],
    {
      compliant: [
        {
          name: "a private API's stage without WAF",
          change: (rs) => drop("prod-waf")(edit("shop-api", (r) => (r.props.endpointConfiguration = { types: "PRIVATE" }))(rs)),
        },
        { name: "no REST API stages at all", change: (rs) => rs.filter((r) => r.type !== STAGE) },
        {
          name: "a private API in lower case, named by known id",
          change: () => [
            res(API, "shop-api", { id: "a1", endpointConfiguration: { types: ["private"] } }),
            res(STAGE, "prod", { restApi: "a1", arn: "arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod" }),
          ],
        },
        {
          name: "matched by known ARN values (state export)",
          change: () => [
            res(API, "shop-api", { id: "a1", endpointConfiguration: { types: ["EDGE"] } }),
            res(STAGE, "prod", { restApi: "a1", arn: "arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod" }),
            res(ASSOC, "prod-waf", { resourceArn: "arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod" }),
          ],
        },
      ],
      violations: [
        {
          name: "a regional API's stage without association",
          change: drop("prod-waf"),
          expect: "API Gateway stage prod of REST API shop-api has no WAF web ACL association",
        },
        {
          name: "an edge API (the default endpoint type) without association",
          change: (rs) => drop("prod-waf")(edit("shop-api", (r) => delete r.props.endpointConfiguration)(rs)),
          expect: "API Gateway stage prod of REST API shop-api has no WAF",
        },
        {
          name: "the association is for another stage",
          change: (rs) => [
            ...drop("prod-waf")(rs),
            res(STAGE, "test", {}, { restApi: [[API, "shop-api"]] }),
            res(ASSOC, "test-waf", {}, { resourceArn: [[STAGE, "test"]] }),
          ],
          expect: "API Gateway stage prod of REST API shop-api has no WAF",
        },
        {
          name: "a stage whose API is outside the stack",
          change: (rs) => drop("prod-waf")(drop("shop-api")(rs)),
          expect: "API Gateway stage prod has no WAF",
        },
        {
          name: "a private endpoint type on another API does not exempt this one",
          change: (rs) => [
            ...drop("prod-waf")(rs),
            res(API, "internal-api", { endpointConfiguration: { types: ["PRIVATE"] }, id: "i1" }),
          ],
          expect:
            "API Gateway stage prod of REST API shop-api has no WAF web ACL association. Associate a REGIONAL web ACL with the stage.",
        },
        {
          name: "the stage's API named by known id, next to a private API",
          change: () => [
            res(API, "shop-api", { id: "a1", endpointConfiguration: { types: ["REGIONAL"] } }),
            res(API, "other-api", { id: "a2", endpointConfiguration: { types: ["private"] } }),
            res(STAGE, "prod", { restApi: "a1", arn: "arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod" }),
          ],
          expect: "API Gateway stage prod of REST API shop-api has no WAF",
        },
      ],
      unknown: [
        {
          name: "the endpoint type is unknown",
          change: edit("shop-api", (r) => (r.props.endpointConfiguration = { types: UNKNOWN_STRING })),
        },
      ],
    },
  );

  const zones = [
    res(ZONE, "public", { name: "shop.example.com", zoneId: UNKNOWN_STRING }),
    res(ZONE, "internal", { name: "internal.example", vpcs: [{ vpcId: "vpc-1" }] }),
    res(
      QUERY_LOG,
      "public-queries",
      { zoneId: UNKNOWN_STRING, cloudwatchLogGroupArn: UNKNOWN_STRING },
      { zoneId: [[ZONE, "public"]] },
    ),
    res(
      KSK,
      "public-ksk",
      { hostedZoneId: UNKNOWN_STRING, keyManagementServiceArn: UNKNOWN_STRING, name: "ksk" },
      { hostedZoneId: [[ZONE, "public"]] },
    ),
    res(DNSSEC, "public-dnssec", { hostedZoneId: UNKNOWN_STRING }, { hostedZoneId: [[ZONE, "public"]] }),
  ];

  describeStack(route53ZoneQueryLogging, zones, {
    compliant: [
      {
        name: "a private zone without query logging",
        change: (rs) => rs.filter((r) => r.name !== "public" && r.name !== "public-queries"),
      },
      {
        name: "matched by known zone id",
        change: (rs) =>
          edit(
            "public",
            (r) => (r.props.zoneId = "Z1"),
          )(edit("public-queries", (r) => ((r.props.zoneId = "Z1"), (r.propertyDependencies = {})))(rs)),
      },
    ],
    violations: [
      {
        name: "a public zone without query logging",
        change: drop("public-queries"),
        expect: "Public hosted zone public has no query logging",
      },
      {
        name: "an empty VPC list is public",
        change: (rs) => drop("public-queries")(edit("public", (r) => (r.props.vpcs = []))(rs)),
        expect: "Public hosted zone public has no query logging",
      },
      {
        name: "query logging for another zone",
        change: edit("public-queries", (r) => (r.propertyDependencies = { zoneId: [urn(ZONE, "internal")] })),
        expect: "Public hosted zone public has no query logging",
      },
    ],
    unknown: [
      {
        name: "whether the zone is private is unknown",
        change: (rs) => drop("public-queries")(edit("public", (r) => (r.props.vpcs = UNKNOWN_STRING))(rs)),
      },
    ],
  });

  describeStack(route53ZoneDnssecSigning, zones, {
    compliant: [
      {
        name: "signing and key explicitly on",
        change: (rs) =>
          edit(
            "public-ksk",
            (r) => (r.props.status = "ACTIVE"),
          )(edit("public-dnssec", (r) => (r.props.signingStatus = "SIGNING"))(rs)),
      },
      {
        name: "a private zone without DNSSEC",
        change: (rs) => rs.filter((r) => !["public", "public-ksk", "public-dnssec"].includes(r.name!)),
      },
      ...(["zoneId", "id"] as const).map((k) => ({
        name: `signing and key naming the zone by known ${k} (no dependencies recorded)`,
        change: (rs: ResourceInput[]) =>
          edit(
            "public",
            (r) => (r.props[k] = "Z9"),
          )(
            edit(
              "public-ksk",
              (r) => ((r.props.hostedZoneId = "Z9"), (r.propertyDependencies = {})),
            )(edit("public-dnssec", (r) => ((r.props.hostedZoneId = "Z9"), (r.propertyDependencies = {})))(rs)),
          ),
      })),
      {
        name: "an inactive key next to an active one",
        change: (rs) => [
          ...rs,
          res(KSK, "old-ksk", { hostedZoneId: UNKNOWN_STRING, status: "INACTIVE" }, { hostedZoneId: [[ZONE, "public"]] }),
        ],
      },
    ],
    violations: [
      {
        name: "no DNSSEC resource",
        change: drop("public-dnssec"),
        expect: "lacks signing enabled (aws.route53.HostedZoneDnsSec with signingStatus SIGNING)",
      },
      {
        name: "signing turned off",
        change: edit("public-dnssec", (r) => (r.props.signingStatus = "NOT_SIGNING")),
        expect: "lacks signing enabled",
      },
      { name: "no key-signing key", change: drop("public-ksk"), expect: "lacks an active key-signing key" },
      {
        name: "the key-signing key is inactive",
        change: edit("public-ksk", (r) => (r.props.status = "INACTIVE")),
        expect: "lacks an active key-signing key",
      },
      {
        name: "neither (both named)",
        change: (rs) => drop("public-ksk")(drop("public-dnssec")(rs)),
        expect:
          "Public hosted zone public is not DNSSEC-signed: it lacks signing enabled (aws.route53.HostedZoneDnsSec with signingStatus SIGNING) and an active key-signing key",
      },
      {
        name: "signing set up for another zone",
        change: edit("public-dnssec", (r) => (r.propertyDependencies = { hostedZoneId: [urn(ZONE, "internal")] })),
        expect: "lacks signing enabled",
      },
    ],
    unknown: [
      { name: "the signing status is unknown", change: edit("public-dnssec", (r) => (r.props.signingStatus = UNKNOWN_STRING)) },
      { name: "the key status is unknown", change: edit("public-ksk", (r) => (r.props.status = UNKNOWN_STRING)) },
    ],
  });

  const s3Origin = { originId: "static", domainName: UNKNOWN_STRING, originAccessControlId: UNKNOWN_STRING };
  const albOrigin = {
    originId: "app",
    domainName: "origin.shop.example.com",
    customOriginConfig: { originProtocolPolicy: "https-only", httpPort: 80, httpsPort: 443, originSslProtocols: ["TLSv1.2"] },
  };
  const origin = (f: (o: Record<string, unknown>) => void) =>
    edit("cdn", (r) => f((r.props.origins as Record<string, unknown>[])[0]));
  describeStack(
    cloudfrontS3OriginAccessControl,
    [
      res(OAC, "static-oac", {
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
        id: UNKNOWN_STRING,
      }),
      res(DIST, "cdn", { origins: [s3Origin, albOrigin] }, { origins: [[OAC, "static-oac"]] }),
    ],
    {
      compliant: [
        { name: "an S3 REST domain with OAC", change: origin((o) => (o.domainName = "assets.s3.eu-west-1.amazonaws.com")) },
        { name: "a legacy global S3 domain with OAC", change: origin((o) => (o.domainName = "assets.s3.amazonaws.com")) },
        {
          name: "an OAC named by known id (state export)",
          change: (rs) => edit("static-oac", (r) => (r.props.id = "E1"))(origin((o) => (o.originAccessControlId = "E1"))(rs)),
        },
        {
          name: "an OAC id from outside the stack",
          change: (rs) => origin((o) => (o.originAccessControlId = "E2"))(drop("static-oac")(rs)),
        },
        { name: "only custom origins", change: edit("cdn", (r) => (r.props.origins = [albOrigin])) },
        {
          name: "another OAC of the stack with an unknown id that never signs, not used by this distribution",
          change: (rs) => [
            ...rs,
            res(OAC, "other-oac", { originAccessControlOriginType: "s3", signingBehavior: "never", id: UNKNOWN_STRING }),
          ],
        },
        {
          name: "the OAC named by known id signs, another with a known id does not",
          change: (rs) => [
            ...edit("static-oac", (r) => (r.props.id = "E1"))(origin((o) => (o.originAccessControlId = "E1"))(rs)),
            res(OAC, "other-oac", { originAccessControlOriginType: "s3", signingBehavior: "never", id: "E9" }),
          ],
        },
      ],
      violations: [
        {
          name: "an origin access identity",
          change: origin((o) => (o.s3OriginConfig = { originAccessIdentity: "origin-access-identity/cloudfront/E3" })),
          expect: "origin static of distribution cdn uses a legacy origin access identity",
        },
        {
          name: "an origin with an unknown domain, no custom block and no OAC (an S3 origin to the API)",
          change: origin((o) => delete o.originAccessControlId),
          expect: "The S3 origin static of distribution cdn has no origin access control",
        },
        {
          name: "a bucket's REST domain behind a custom origin block",
          change: origin(
            (o) => (
              (o.domainName = "assets.s3.eu-west-1.amazonaws.com"),
              delete o.originAccessControlId,
              (o.customOriginConfig = albOrigin.customOriginConfig)
            ),
          ),
          expect: "has no origin access control",
        },
        {
          name: "a dash-region S3 REST domain behind a custom block",
          change: origin(
            (o) => (
              (o.domainName = "assets.s3-eu-west-1.amazonaws.com"),
              delete o.originAccessControlId,
              (o.customOriginConfig = albOrigin.customOriginConfig)
            ),
          ),
          expect: "has no origin access control",
        },
        {
          name: "an S3 REST domain without OAC",
          change: origin((o) => ((o.domainName = "assets.s3.eu-west-1.amazonaws.com"), delete o.originAccessControlId)),
          expect: "The S3 origin static of distribution cdn has no origin access control",
        },
        {
          name: "an S3 origin config with an empty identity and no OAC",
          change: origin((o) => ((o.s3OriginConfig = { originAccessIdentity: "" }), delete o.originAccessControlId)),
          expect: "has no origin access control",
        },
        {
          name: "a dual-stack S3 domain with an empty OAC id",
          change: origin((o) => ((o.domainName = "assets.s3.dualstack.eu-west-1.amazonaws.com"), (o.originAccessControlId = ""))),
          expect: "has no origin access control",
        },
        {
          name: "a website endpoint (public bucket)",
          change: origin(
            (o) => (
              (o.domainName = "assets.s3-website-eu-west-1.amazonaws.com"),
              delete o.originAccessControlId,
              (o.customOriginConfig = albOrigin.customOriginConfig)
            ),
          ),
          expect: "is the S3 website endpoint assets.s3-website-eu-west-1.amazonaws.com",
        },
        {
          name: "a website endpoint, dotted form",
          change: origin((o) => (o.domainName = "assets.s3-website.eu-west-1.amazonaws.com")),
          expect: "is the S3 website endpoint",
        },
        {
          name: "an OAC that never signs",
          change: edit("static-oac", (r) => (r.props.signingBehavior = "never")),
          expect: "uses origin access control static-oac, which does not sign every request (signingBehavior never)",
        },
        {
          name: "an OAC that lets viewers' headers through unsigned",
          change: edit("static-oac", (r) => (r.props.signingBehavior = "no-override")),
          expect: "signingBehavior no-override",
        },
        {
          name: "a null custom origin block on an origin without OAC",
          change: origin((o) => ((o.customOriginConfig = null), delete o.originAccessControlId)),
          expect: "has no origin access control",
        },
        {
          name: "a null OAC id",
          change: origin((o) => (o.originAccessControlId = null)),
          expect:
            "The S3 origin static of distribution cdn has no origin access control: the bucket must be public for CloudFront to read it. Set originAccessControlId.",
        },
        {
          name: "an OAC without an origin type (s3 by default) that never signs",
          change: edit("static-oac", (r) => (delete r.props.originAccessControlOriginType, (r.props.signingBehavior = "never"))),
          expect: "does not sign every request",
        },
        {
          name: "the OAC named by known id, with no dependency recorded, never signs",
          change: (rs) =>
            edit(
              "cdn",
              (r) => (r.propertyDependencies = {}),
            )(
              edit(
                "static-oac",
                (r) => ((r.props.id = "E1"), (r.props.signingBehavior = "never")),
              )(origin((o) => (o.originAccessControlId = "E1"))(rs)),
            ),
          expect:
            "uses origin access control static-oac, which does not sign every request (signingBehavior never). Set signingBehavior to always.",
        },
        {
          name: "the OAC named by known id never signs",
          change: (rs) =>
            edit(
              "static-oac",
              (r) => ((r.props.id = "E1"), (r.props.signingBehavior = "never")),
            )(origin((o) => (o.originAccessControlId = "E1"))(rs)),
          expect: "does not sign every request",
        },
      ],
      unknown: [
        { name: "the origins are unknown", change: edit("cdn", (r) => (r.props.origins = UNKNOWN_STRING)) },
        {
          name: "whether an origin is custom is unknown",
          change: origin((o) => ((o.customOriginConfig = UNKNOWN_STRING), delete o.originAccessControlId)),
        },
        {
          name: "the OAC's signing behaviour is unknown",
          change: edit("static-oac", (r) => (r.props.signingBehavior = UNKNOWN_STRING)),
        },
      ],
    },
  );

  it("leaves a media origin access control (not s3) of the same distribution alone", async () => {
    const rs = [
      res(OAC, "static-oac", { originAccessControlOriginType: "s3", signingBehavior: "always" }),
      res(OAC, "media-oac", { originAccessControlOriginType: "mediastore", signingBehavior: "never" }),
      res(
        DIST,
        "cdn",
        { origins: [s3Origin] },
        {
          origins: [
            [OAC, "static-oac"],
            [OAC, "media-oac"],
          ],
        },
      ),
    ];
    assert.deepEqual((await analyzeStack(cloudfrontS3OriginAccessControl, rs)).diagnostics, []);
  });
});
