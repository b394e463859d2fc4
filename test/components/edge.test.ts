import * as assert from "node:assert/strict";
import { rumConnectSources, withConnectSources } from "../../components/rum/csp";
import {
  ALB_SSL_POLICY,
  ANONYMOUS_IP_RULE_GROUP,
  MANAGED_CACHE_POLICY,
  MANAGED_ORIGIN_REQUEST_POLICY,
  MANAGED_RULE_GROUPS,
} from "../../components/edge";
import { ConfigError, loadConfig } from "../../infra/config";
import { DEFAULT_CONTENT_SECURITY_POLICY } from "../../infra/sections/edge";
import { ofType, projectName, readStackConfig, RegisteredResource, StackRun } from "../../tools/harness";
import { StackName as Stack, stackRun, stackRunWith, STACKS } from "../support/stacks";
import { MOCK_ACCOUNT_ID, MOCK_CLOUDFRONT_ZONE_ID, MOCK_HOSTED_ZONE_ID, MOCK_RANDOM_RESULT } from "../../tools/mocks";
import { plaintextLeaks } from "../support/secrets";
import { crdErrors } from "../support/crd-schema";
import LBC from "../fixtures/lbc-annotations.json";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Statement = {
  Sid?: string;
  Effect: string;
  Principal?: Obj | string;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Obj;
};

/** What differs per stack (stacks/*.ts and Pulumi.<stack>.yaml). */
const EXPECTED: Record<Stack, { domain: string; rateLimit: number; anonymous: boolean; logExpiry: number; wafRetention: number; priceClass: string; prod: boolean }> = {
  dev: { domain: "dev.shop.example.com", rateLimit: 1000, anonymous: false, logExpiry: 14, wafRetention: 14, priceClass: "PriceClass_100", prod: false },
  staging: { domain: "staging.shop.example.com", rateLimit: 2000, anonymous: false, logExpiry: 30, wafRetention: 30, priceClass: "PriceClass_100", prod: false },
  prod: { domain: "shop.example.com", rateLimit: 2000, anonymous: true, logExpiry: 365, wafRetention: 365, priceClass: "PriceClass_All", prod: true },
}; // prettier-ignore

const EDGE = "b2b:edge:Edge";

/** A registered resource whose inputs are read freely (their shapes are asserted, not typed). */
type Res = Omit<RegisteredResource, "inputs"> & { inputs: Obj };

function edgeResources(run: StackRun, type: string): Res[] {
  return ofType(run, type).filter((r) => r.urn.includes(`${EDGE}$`));
}
function one(run: StackRun, type: string, name: string): Res {
  const found = run.resources.filter((r) => r.type === type && r.name === name);
  assert.equal(found.length, 1, `expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}
function statements(policy: unknown): Statement[] {
  assert.equal(typeof policy, "string", "policy should be a JSON string");
  return JSON.parse(policy as string).Statement as Statement[];
}
function providerOf(run: StackRun, r: Res): Res {
  const p = run.resources.find((x) => x.urn === r.provider);
  assert.ok(p, `${r.name} should use an explicit provider`);
  return p;
}
function idOf(name: string): string {
  return `${name}-id`;
}

for (const stack of STACKS) {
  const want = EXPECTED[stack];
  const acct = MOCK_ACCOUNT_ID;

  describe(`edge (${stack})`, () => {
    let run: StackRun;
    before(async () => {
      run = await stackRun(stack);
    });

    describe("load balancer (built by the load balancer controller from the edge's Ingresses)", () => {
      const A = "alb.ingress.kubernetes.io/";
      const lbName = `b2b-commerce-${stack}-ingress`;
      const ingresses = () => edgeResources(run, "kubernetes:networking.k8s.io/v1:Ingress");
      const ingress = (name: string) => {
        const found = ingresses().filter((i) => i.inputs.metadata.name === name);
        assert.equal(found.length, 1, `one Ingress ${name}`);
        return found[0];
      };
      const ann = (name: string): Record<string, string> => ingress(name).inputs.metadata.annotations;
      const names = ["api", "api-origin", "storefront"];
      const attributes = (name: string) =>
        Object.fromEntries(
          ann(name)
            [`${A}load-balancer-attributes`].split(",")
            .map((kv) => kv.split("=")),
        );

      it("Pulumi owns no load balancer, listener, target group or binding any more: three Ingresses of class alb do", () => {
        for (const t of [
          "loadBalancer:LoadBalancer",
          "listener:Listener",
          "listenerRule:ListenerRule",
          "targetGroup:TargetGroup",
        ])
          assert.deepEqual(ofType(run, `aws:lb/${t}`), [], t);
        assert.deepEqual(ofType(run, "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding"), []);
        assert.deepEqual(ofType(run, "aws:wafv2/webAclAssociation:WebAclAssociation"), [], "the controller attaches the WAF");
        assert.deepEqual(
          ingresses()
            .map((i) => i.inputs.metadata.name)
            .sort(),
          names,
        );
        for (const i of ingresses()) {
          assert.equal(i.inputs.spec.ingressClassName, "alb");
          assert.equal(
            i.inputs.spec.defaultBackend,
            undefined,
            "no default backend: unmatched requests get the controller's 404",
          );
          // Through the cluster's workloads provider, which exists only after the controller's chart (its IngressClass).
          const provider = providerOf(run, i);
          assert.equal(provider.type, "pulumi:providers:kubernetes");
          assert.ok(
            provider.dependencies.some((urn) => urn.endsWith("kubernetes:helm.sh/v3:Release::aws-load-balancer-controller")),
            "after the controller",
          );
        }
        assert.equal(ingress("storefront").inputs.metadata.namespace, "storefront");
        assert.equal(ingress("api").inputs.metadata.namespace, "api");
        assert.equal(ingress("api-origin").inputs.metadata.namespace, "api");
      });

      it("every Ingress names the same ALB: one group, internet-facing, IPv4, in the public subnets, behind Pulumi's security group", () => {
        for (const name of names) {
          const a = ann(name);
          assert.equal(a[`${A}group.name`], `b2b-commerce-${stack}-edge`);
          assert.equal(a[`${A}load-balancer-name`], lbName);
          assert.ok(lbName.length <= 32);
          assert.equal(a[`${A}scheme`], "internet-facing");
          assert.equal(a[`${A}ip-address-type`], "ipv4");
          assert.deepEqual(a[`${A}subnets`].split(","), run.outputs.publicSubnetIds);
          assert.equal(a[`${A}security-groups`], idOf("alb-sg"));
          // The node rules stay Pulumi's (security groups below): the controller edits no group.
          assert.equal(a[`${A}manage-backend-security-group-rules`], "false");
        }
      });

      it("the alb class's IngressClassParams admit only the edge's namespaces and fix the group, scheme, TLS, redirect, certificate, WAF and attributes", () => {
        const params = one(run, "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams", "alb-class-params");
        assert.deepEqual(crdErrors(params.inputs as never), [], "against the controller's CRD (chart 3.5.0)");
        assert.equal(params.inputs.metadata.name, `b2b-commerce-${stack}-edge`);
        assert.equal(params.inputs.metadata.namespace, undefined, "cluster-scoped");
        const spec = params.inputs.spec;
        assert.deepEqual(spec.namespaceSelector, {
          matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["api", "storefront"] }],
        });
        // The same values as the annotations, which the controller then ignores.
        const a = ann("storefront");
        assert.deepEqual(spec.group, { name: a[`${A}group.name`] });
        assert.equal(spec.loadBalancerName, a[`${A}load-balancer-name`]);
        assert.equal(spec.scheme, "internet-facing");
        assert.equal(spec.ipAddressType, "ipv4");
        assert.equal(spec.targetType, "ip");
        assert.equal(spec.sslPolicy, ALB_SSL_POLICY);
        assert.equal(spec.sslRedirectPort, "443");
        assert.deepEqual(spec.certificateArn, [a[`${A}certificate-arn`]]);
        assert.equal(spec.wafv2AclArn, run.outputs.regionalWebAclArn);
        assert.deepEqual(
          Object.fromEntries((spec.loadBalancerAttributes as Obj[]).map((x) => [x.key, x.value])),
          attributes("storefront"),
        );
        assert.equal(params.protect, want.prod);
        for (const name of names)
          assert.ok(ingress(name).dependencies.includes(params.urn), `${name} after the class parameters`);
        // The cluster's `alb` IngressClass refers to them (alb-controller.test.ts).
      });

      it("uses only annotations the controller documents and only attributes the ELB API defines (a typo would be ignored silently)", () => {
        const patterns = LBC.annotations.map((n) => new RegExp(`^${n.replace(/[.]/g, "\\.").replace(/\$\{[^}]+\}/g, "[^/]+")}$`));
        const documented = (key: string) => patterns.some((p) => p.test(key));
        assert.ok(!documented("healthcheck-intervall-seconds") && documented("actions.storefront"), "the check itself");
        for (const name of names) {
          const keys = Object.keys(ann(name)).filter((k) => k.startsWith(A));
          assert.ok(keys.length > 20);
          assert.deepEqual(
            keys.map((k) => k.slice(A.length)).filter((k) => !documented(k)),
            [],
            name,
          );
          assert.deepEqual(
            Object.keys(attributes(name)).filter((k) => !LBC.loadBalancerAttributes.includes(k)),
            [],
            name,
          );
        }
      });

      it("listens on HTTPS 443 with the TLS 1.3/1.2 restricted post-quantum policy and the validated certificate; HTTP 80 only redirects", () => {
        for (const name of names) {
          const a = ann(name);
          assert.deepEqual(JSON.parse(a[`${A}listen-ports`]), [{ HTTP: 80 }, { HTTPS: 443 }]);
          assert.equal(a[`${A}ssl-redirect`], "443");
          assert.equal(a[`${A}ssl-policy`], "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
          assert.equal(a[`${A}ssl-policy`], ALB_SSL_POLICY);
          assert.equal(a[`${A}certificate-arn`], `arn:aws:acm:eu-central-1:${acct}:certificate/${idOf("alb-cert")}`);
          assert.equal(
            one(run, "aws:acm/certificateValidation:CertificateValidation", "alb-cert-validation").inputs.certificateArn,
            a[`${A}certificate-arn`],
            "the validated certificate",
          );
        }
      });

      it("drops invalid header fields, uses strictest desync mitigation, sets the idle timeout and fails closed on WAF errors", () => {
        for (const name of names) {
          const attrs = attributes(name);
          assert.equal(attrs["routing.http.drop_invalid_header_fields.enabled"], "true");
          assert.equal(attrs["routing.http.desync_mitigation_mode"], "strictest");
          assert.equal(attrs["idle_timeout.timeout_seconds"], "60");
          assert.equal(attrs["waf.fail_open.enabled"], "false");
          assert.equal(attrs["routing.http.xff_header_processing.mode"], "append");
        }
      });

      it(`has deletion protection ${want.prod ? "on" : "off"} in ${stack}, and its Ingresses are ${want.prod ? "" : "not "}protected`, () => {
        for (const name of names) {
          assert.equal(attributes(name)["deletion_protection.enabled"], String(want.prod));
          // The controller deletes an emptied group's ALB despite its deletion protection.
          assert.equal(ingress(name).protect, want.prod);
        }
      });

      it("writes access logs to the ALB log bucket under its prefix, after the bucket policy exists", () => {
        for (const name of names) {
          const attrs = attributes(name);
          assert.equal(attrs["access_logs.s3.enabled"], "true");
          assert.equal(attrs["access_logs.s3.bucket"], idOf("alb-logs"));
          assert.equal(attrs["access_logs.s3.prefix"], "alb");
          assert.ok(ingress(name).dependencies.includes(one(run, "aws:s3/bucketPolicy:BucketPolicy", "alb-logs-policy").urn));
        }
      });

      it("has the controller attach the REGIONAL Web ACL", () => {
        for (const name of names) assert.equal(ann(name)[`${A}wafv2-acl-arn`], run.outputs.regionalWebAclArn);
      });

      it("routes the api host to the API, CloudFront's requests (origin host + secret header) by path, in that order", () => {
        const rule = (name: string) => ingress(name).inputs.spec.rules as Obj[];
        const route = (name: string) =>
          rule(name).map((r) => [r.host, r.http.paths.map((p: Obj) => [p.path, p.pathType, p.backend.service.name])]);
        assert.deepEqual(route("api"), [[`api.${want.domain}`, [["/*", "ImplementationSpecific", "api"]]]]);
        assert.deepEqual(route("api-origin"), [[`origin.${want.domain}`, [["/api/*", "ImplementationSpecific", "api"]]]]);
        assert.deepEqual(route("storefront"), [[`origin.${want.domain}`, [["/*", "ImplementationSpecific", "storefront"]]]]);
        const order = (name: string) => Number(ann(name)[`${A}group.order`]);
        assert.ok(
          order("api") < order("api-origin") && order("api-origin") < order("storefront"),
          "/api/* before the storefront's /*",
        );
        // CloudFront's rules need the secret header (origin-secret.test.ts); its value is a secret.
        assert.equal(ann("api-origin")[`${A}conditions.api`], "[secret]");
        assert.equal(ann("storefront")[`${A}conditions.storefront`], "[secret]");
        assert.equal(ann("api")[`${A}conditions.api`], undefined);
      });

      it("keeps the origin-verify secret out of every input and output in plain text", () => {
        // MOCK_RANDOM_RESULT is what the mocked random provider generates (planted; secrets.test.ts finds it leaked).
        assert.deepEqual(plaintextLeaks(run, [MOCK_RANDOM_RESULT]), []);
        const secret = one(run, "random:index/randomPassword:RandomPassword", "origin-verify");
        assert.ok(secret.inputs.length >= 32);
        assert.equal(providerOf(run, secret).type, "pulumi:providers:random", "the stack's explicit random provider");
      });

      it("has IP target groups on the pods' port with health checks and a 30 s drain", () => {
        for (const name of names) {
          const a = ann(name);
          assert.equal(a[`${A}target-type`], "ip");
          assert.equal(a[`${A}backend-protocol`], "HTTP");
          assert.equal(a[`${A}healthcheck-path`], "/healthz");
          assert.equal(a[`${A}healthcheck-port`], "traffic-port");
          assert.equal(a[`${A}success-codes`], "200-399");
          assert.equal(a[`${A}target-group-attributes`], "deregistration_delay.timeout_seconds=30");
        }
      });

      it("reads the controller's ALB back by name for DNS, alarms and outputs", () => {
        assert.equal(
          run.outputs.albArn,
          `arn:aws:elasticloadbalancing:eu-central-1:${acct}:loadbalancer/app/${lbName}/50dc6c495c0c9188`,
        );
        assert.equal(run.outputs.albDnsName, `${lbName}-1234567890.eu-central-1.elb.amazonaws.com`);
        // The ALB alarms' dimension is the controller ALB's arnSuffix (the aliases: "DNS and outputs").
        const dimensions = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").flatMap((a) => {
          const i = a.inputs as Obj;
          return [i.dimensions, ...((i.metricQueries as Obj[] | undefined) ?? []).map((q) => q.metric?.dimensions)].filter(
            (d) => d?.LoadBalancer,
          );
        });
        assert.ok(dimensions.length >= 3, "the ALB 5xx and latency alarms");
        for (const d of dimensions) assert.equal(d.LoadBalancer, `app/${lbName}/50dc6c495c0c9188`);
      });
    });

    describe("security groups", () => {
      it("the ALB's group admits only TCP 80 and 443, from anywhere (IPv4)", () => {
        const sg = one(run, "aws:ec2/securityGroup:SecurityGroup", "alb-sg").inputs;
        const ingress = (sg.ingress as Obj[]).map((r) => [
          r.protocol,
          r.fromPort,
          r.toPort,
          r.cidrBlocks,
          r.ipv6CidrBlocks ?? [],
          r.securityGroups ?? [],
        ]);
        assert.deepEqual(
          ingress.sort((a, b) => a[1] - b[1]),
          [
            ["tcp", 80, 80, ["0.0.0.0/0"], [], []],
            ["tcp", 443, 443, ["0.0.0.0/0"], [], []],
          ],
        );
        const standaloneIngress = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
          (r) => r.inputs.securityGroupId === idOf("alb-sg"),
        );
        assert.equal(standaloneIngress.length, 0);
      });

      // The cluster's node and pod security group (the contract's `nodeSecurityGroupId`).
      const nodeSg = () => run.outputs.clusterNodeSecurityGroupId as string;

      it("the ALB's group sends traffic only to the cluster node group on the service ports", () => {
        const sg = one(run, "aws:ec2/securityGroup:SecurityGroup", "alb-sg").inputs;
        assert.ok(nodeSg());
        assert.notEqual(nodeSg(), idOf("alb-sg"));
        assert.deepEqual(sg.egress, [
          {
            description: "Service port 8080 on the cluster nodes and pods",
            protocol: "tcp",
            fromPort: 8080,
            toPort: 8080,
            securityGroups: [nodeSg()],
          },
        ]);
      });

      it("the node group admits the ALB's group on the service port", () => {
        const rule = one(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "nodes-from-alb-8080").inputs;
        assert.equal(rule.securityGroupId, nodeSg());
        assert.equal(rule.referencedSecurityGroupId, idOf("alb-sg"));
        assert.equal(rule.fromPort, 8080);
        assert.equal(rule.cidrIpv4, undefined);
      });
    });

    describe("WAF", () => {
      const acls = { regional: "waf-regional", cloudfront: "waf-cloudfront" } as const;

      it("the REGIONAL Web ACL uses the stack-region provider (the Ingresses attach it to the ALB)", () => {
        const acl = one(run, "aws:wafv2/webAcl:WebAcl", acls.regional);
        assert.equal(acl.inputs.scope, "REGIONAL");
        assert.equal(providerOf(run, acl).name, "aws");
        assert.equal(
          run.outputs.regionalWebAclArn,
          `arn:aws:wafv2:eu-central-1:${acct}:regional/webacl/b2b-commerce-${stack}-waf-regional/waf-regional-id`,
        );
      });

      it("the CLOUDFRONT Web ACL lives in us-east-1 and is the distribution's webAclId", () => {
        const acl = one(run, "aws:wafv2/webAcl:WebAcl", acls.cloudfront);
        assert.equal(acl.inputs.scope, "CLOUDFRONT");
        assert.equal(providerOf(run, acl).inputs.region, "us-east-1");
        assert.equal(
          one(run, "aws:cloudfront/distribution:Distribution", "cdn").inputs.webAclId,
          run.outputs.cloudfrontWebAclArn,
        );
      });

      for (const [label, name] of Object.entries(acls)) {
        it(`${label}: runs every AWS managed rule group${want.anonymous ? " plus the anonymous-IP list" : ""} with their own actions (at the ALB, hosting providers are counted)`, () => {
          const rules = one(run, "aws:wafv2/webAcl:WebAcl", name).inputs.rules as Obj[];
          const managed = rules.filter((r) => r.statement.managedRuleGroupStatement);
          const expected = [...MANAGED_RULE_GROUPS, ...(want.anonymous ? [ANONYMOUS_IP_RULE_GROUP] : [])];
          assert.deepEqual(managed.map((r) => r.statement.managedRuleGroupStatement.name).sort(), [...expected].sort());
          assert.ok(expected.includes("AWSManagedRulesCommonRuleSet") && expected.includes("AWSManagedRulesSQLiRuleSet"));
          for (const r of managed) {
            assert.equal(r.statement.managedRuleGroupStatement.vendorName, "AWS");
            assert.deepEqual(r.overrideAction, { none: {} });
          }
          // Only the ALB's anonymous-IP group counts (not blocks) hosting-provider sources: B2B servers and CloudFront.
          // The core rule set's 8 KB body rule is counted and re-applied to non-API requests (edge-waf.test.ts).
          const overrides = managed.filter((r) => r.statement.managedRuleGroupStatement.ruleActionOverrides);
          const crs = [["AWSManagedRulesCommonRuleSet", [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }]]];
          assert.deepEqual(
            overrides.map((r) => [r.name, r.statement.managedRuleGroupStatement.ruleActionOverrides]),
            want.anonymous && label === "regional"
              ? [...crs, [ANONYMOUS_IP_RULE_GROUP, [{ name: "HostingProviderIPList", actionToUse: { count: {} } }]]]
              : crs,
          );
        });

        it(`${label}: blocks more than ${want.rateLimit} requests per 5 minutes per client IP`, () => {
          const rules = one(run, "aws:wafv2/webAcl:WebAcl", name).inputs.rules as Obj[];
          const rate = rules.filter((r) => r.statement.rateBasedStatement);
          assert.equal(rate.length, 1);
          const { scopeDownStatement, ...limit } = rate[0].statement.rateBasedStatement;
          assert.deepEqual(limit, { limit: want.rateLimit, aggregateKeyType: "IP", evaluationWindowSec: 300 });
          assert.deepEqual(rate[0].action, { block: {} });
          if (label === "regional") {
            // CloudFront's requests (secret header) come from shared CloudFront IPs; they were rate-limited per viewer at the edge.
            // Either rotation slot of the secret (a secret regex: ^(A|B)$).
            assert.deepEqual(scopeDownStatement, {
              notStatement: {
                statement: {
                  regexMatchStatement: {
                    fieldToMatch: { singleHeader: { name: "x-origin-verify" } },
                    regexString: "[secret]",
                    textTransformations: [{ priority: 0, type: "NONE" }],
                  },
                },
              },
            });
          } else {
            assert.equal(scopeDownStatement, undefined);
          }
        });

        it(`${label}: blocks the configured IP set first`, () => {
          const rules = one(run, "aws:wafv2/webAcl:WebAcl", name).inputs.rules as Obj[];
          const ipRule = rules.find((r) => r.statement.ipSetReferenceStatement);
          assert.ok(ipRule);
          assert.equal(ipRule.priority, Math.min(...rules.map((r) => r.priority)));
          assert.deepEqual(ipRule.action, { block: {} });
          const ipSet = one(run, "aws:wafv2/ipSet:IpSet", `${name}-blocked-ips`);
          assert.match(ipRule.statement.ipSetReferenceStatement.arn, new RegExp(`/ipset/.*/${name}-blocked-ips-id$`));
          assert.equal(ipSet.inputs.scope, one(run, "aws:wafv2/webAcl:WebAcl", name).inputs.scope);
          assert.deepEqual(ipSet.inputs.addresses, []);
        });

        it(`${label}: has CloudWatch metrics and sampled requests on every rule and on the ACL`, () => {
          const acl = one(run, "aws:wafv2/webAcl:WebAcl", name).inputs;
          const configs = [acl.visibilityConfig, ...(acl.rules as Obj[]).map((r) => r.visibilityConfig)];
          assert.equal(configs.length, (acl.rules as Obj[]).length + 1);
          for (const v of configs) {
            assert.equal(v.cloudwatchMetricsEnabled, true);
            assert.equal(v.sampledRequestsEnabled, true);
            assert.ok(v.metricName);
          }
          assert.equal(new Set(configs.map((v) => v.metricName)).size, configs.length, "metric names are unique");
        });

        it(`${label}: logs to an encrypted aws-waf-logs- group kept ${want.wafRetention} days, redacting authorization, cookie (and the origin secret)`, () => {
          const acl = one(run, "aws:wafv2/webAcl:WebAcl", name);
          const logging = one(run, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", `${name}-logging`);
          const group = one(run, "aws:cloudwatch/logGroup:LogGroup", `${name}-logs`);
          assert.match(group.inputs.name as string, /^aws-waf-logs-/);
          assert.equal(group.inputs.retentionInDays, want.wafRetention);
          assert.match(group.inputs.kmsKeyId as string, /^arn:aws:kms:/);
          assert.equal(group.protect, want.prod);
          assert.equal(group.provider, acl.provider, "the log group is in the ACL's region");
          assert.equal(
            logging.inputs.resourceArn,
            acl.urn.includes("waf-regional") ? run.outputs.regionalWebAclArn : run.outputs.cloudfrontWebAclArn,
          );
          assert.deepEqual(logging.inputs.logDestinationConfigs, [
            `arn:aws:logs:eu-central-1:${acct}:log-group:${group.inputs.name}`,
          ]);
          assert.deepEqual(logging.inputs.redactedFields, [
            { singleHeader: { name: "authorization" } },
            { singleHeader: { name: "cookie" } },
            ...(label === "regional" ? [{ singleHeader: { name: "x-origin-verify" } }] : []),
          ]);
        });

        it(`${label}: the log key rotates and only this account's CloudWatch Logs in the ACL's region may use it`, () => {
          const key = one(run, "aws:kms/key:Key", `${name}-logs-key`);
          assert.equal(key.inputs.enableKeyRotation, true);
          const region = label === "cloudfront" ? "us-east-1" : "eu-central-1";
          const logs = statements(key.inputs.policy).find((s) => s.Sid === "CloudWatchLogsOfThisAccount");
          assert.deepEqual(logs?.Principal, { Service: `logs.${region}.amazonaws.com` });
          assert.equal(key.protect, want.prod);
        });
      }

      it("Shield Advanced is off by default (no protections)", () => {
        assert.equal(ofType(run, "aws:shield/protection:Protection").length, 0);
      });
    });

    describe("buckets", () => {
      const buckets = ["alb-logs", "cdn-logs", "static-assets"];

      for (const b of buckets) {
        it(`${b}: blocks all public access, disables ACLs, versions objects and denies non-TLS requests`, () => {
          const pab = one(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${b}-public-access-block`).inputs;
          assert.deepEqual(
            [pab.bucket, pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets],
            [idOf(b), true, true, true, true],
          );
          const own = one(run, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", `${b}-ownership`).inputs;
          assert.deepEqual(own.rule, { objectOwnership: "BucketOwnerEnforced" });
          const ver = one(run, "aws:s3/bucketVersioning:BucketVersioning", `${b}-versioning`).inputs;
          assert.deepEqual(ver.versioningConfiguration, { status: "Enabled" });
          const policy = one(run, "aws:s3/bucketPolicy:BucketPolicy", `${b}-policy`);
          const deny = statements(policy.inputs.policy).find((s) => s.Effect === "Deny");
          assert.deepEqual(deny?.Condition, { Bool: { "aws:SecureTransport": "false" } });
          assert.deepEqual(deny?.Resource, [
            `arn:aws:s3:::b2b-commerce-${stack}-${b}-${MOCK_ACCOUNT_ID}-eu-central-1`,
            `arn:aws:s3:::b2b-commerce-${stack}-${b}-${MOCK_ACCOUNT_ID}-eu-central-1/*`,
          ]);
          for (const s of statements(policy.inputs.policy).filter((x) => x.Effect === "Allow")) {
            assert.notEqual(s.Principal, "*", `${b}: no Allow for "*"`);
          }
        });

        it(`${b}: is encrypted at rest, has a lifecycle, is tagged with a classification and is ${want.prod ? "" : "not "}protected`, () => {
          const sse = one(
            run,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            `${b}-encryption`,
          ).inputs;
          const byDefault = sse.rules[0].applyServerSideEncryptionByDefault;
          if (b === "alb-logs") {
            // ALB access logs support only SSE-S3.
            assert.deepEqual(byDefault, { sseAlgorithm: "AES256" });
          } else {
            assert.equal(byDefault.sseAlgorithm, "aws:kms");
            assert.equal(byDefault.kmsMasterKeyId, `arn:aws:kms:eu-central-1:${acct}:key/${b}-key-id`);
            assert.equal(one(run, "aws:kms/key:Key", `${b}-key`).inputs.enableKeyRotation, true);
          }
          const rule = one(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `${b}-lifecycle`).inputs
            .rules[0];
          assert.equal(rule.status, "Enabled");
          assert.deepEqual(rule.abortIncompleteMultipartUpload, { daysAfterInitiation: 7 });
          assert.ok(rule.noncurrentVersionExpiration.noncurrentDays > 0);
          const bucket = one(run, "aws:s3/bucket:Bucket", b);
          assert.ok(["public", "confidential"].includes(bucket.inputs.tags.DataClassification));
          assert.equal(bucket.protect, want.prod);
        });
      }

      for (const b of ["alb-logs", "cdn-logs"]) {
        it(`${b}: access logs expire after ${want.logExpiry} days`, () => {
          const rule = one(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `${b}-lifecycle`).inputs
            .rules[0];
          assert.deepEqual(rule.expiration, { days: want.logExpiry });
        });
      }

      it("static-assets: objects never expire (only old versions do)", () => {
        const rule = one(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "static-assets-lifecycle")
          .inputs.rules[0];
        assert.equal(rule.expiration, undefined);
      });

      it("alb-logs: ELB log delivery may only put objects under alb/AWSLogs/<account>/", () => {
        const allows = statements(one(run, "aws:s3/bucketPolicy:BucketPolicy", "alb-logs-policy").inputs.policy).filter(
          (s) => s.Effect === "Allow",
        );
        assert.equal(allows.length, 1);
        // eu-central-1 predates August 2022: its regional ELB account is the principal.
        assert.deepEqual(allows[0].Principal, { AWS: "arn:aws:iam::054676820928:root" });
        assert.equal(allows[0].Action, "s3:PutObject");
        assert.equal(
          allows[0].Resource,
          `arn:aws:s3:::b2b-commerce-${stack}-alb-logs-${MOCK_ACCOUNT_ID}-eu-central-1/alb/AWSLogs/${acct}/*`,
        );
      });

      it("static-assets: only this distribution may read, and only it may decrypt with the key", () => {
        const distArn = `arn:aws:cloudfront::${acct}:distribution/cdn-id`;
        const allows = statements(one(run, "aws:s3/bucketPolicy:BucketPolicy", "static-assets-policy").inputs.policy).filter(
          (s) => s.Effect === "Allow",
        );
        assert.deepEqual(allows, [
          {
            Sid: "ThisDistributionReads",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: `arn:aws:s3:::b2b-commerce-${stack}-static-assets-${MOCK_ACCOUNT_ID}-eu-central-1/*`,
            Condition: { StringEquals: { "AWS:SourceArn": distArn } },
          },
        ]);
        const keyStatements = statements(one(run, "aws:kms/key:Key", "static-assets-key").inputs.policy);
        const cf = keyStatements.find((s) => s.Sid === "ThisDistributionDecrypts");
        assert.deepEqual(cf?.Principal, { Service: "cloudfront.amazonaws.com" });
        assert.equal(cf?.Action, "kms:Decrypt");
        assert.deepEqual(cf?.Condition, { StringEquals: { "AWS:SourceArn": distArn } });
      });

      it("cdn-logs: CloudWatch log delivery may write only under AWSLogs/<account>/ for this account's us-east-1 sources", () => {
        const allows = statements(one(run, "aws:s3/bucketPolicy:BucketPolicy", "cdn-logs-policy").inputs.policy).filter(
          (s) => s.Effect === "Allow",
        );
        const write = allows.find((s) => s.Action === "s3:PutObject");
        assert.deepEqual(write?.Principal, { Service: "delivery.logs.amazonaws.com" });
        assert.equal(
          write?.Resource,
          `arn:aws:s3:::b2b-commerce-${stack}-cdn-logs-${MOCK_ACCOUNT_ID}-eu-central-1/AWSLogs/${acct}/*`,
        );
        assert.equal(write?.Condition?.StringEquals["aws:SourceAccount"], acct);
        assert.equal(write?.Condition?.ArnLike["aws:SourceArn"], `arn:aws:logs:us-east-1:${acct}:delivery-source:*`);
      });
    });

    describe("CloudFront", () => {
      const dist = () => one(run, "aws:cloudfront/distribution:Distribution", "cdn").inputs;

      it("reads the static-assets bucket through an always-signing SigV4 Origin Access Control", () => {
        const s3 = (dist().origins as Obj[]).find((o) => o.originId === "static-assets");
        assert.equal(
          s3?.domainName,
          `b2b-commerce-${stack}-static-assets-${MOCK_ACCOUNT_ID}-eu-central-1.s3.eu-central-1.amazonaws.com`,
        );
        assert.equal(s3?.originAccessControlId, idOf("static-oac"));
        assert.equal(s3?.customOriginConfig, undefined);
        const oac = one(run, "aws:cloudfront/originAccessControl:OriginAccessControl", "static-oac").inputs;
        assert.deepEqual(
          [oac.originAccessControlOriginType, oac.signingBehavior, oac.signingProtocol],
          ["s3", "always", "sigv4"],
        );
      });

      it("reaches the ALB over HTTPS only with TLS 1.2, on the origin host", () => {
        const alb = (dist().origins as Obj[]).find((o) => o.originId === "alb");
        assert.equal(alb?.domainName, `origin.${want.domain}`);
        assert.equal(alb?.customOriginConfig.originProtocolPolicy, "https-only");
        assert.deepEqual(alb?.customOriginConfig.originSslProtocols, ["TLSv1.2"]);
        assert.deepEqual(alb?.customHeaders, [{ name: "x-origin-verify", value: "[secret]" }]);
      });

      it("redirects viewers to HTTPS on every behaviour and serves TLSv1.2_2021+ with SNI from a us-east-1 certificate", () => {
        const d = dist();
        for (const b of [d.defaultCacheBehavior, ...(d.orderedCacheBehaviors as Obj[])])
          assert.equal(b.viewerProtocolPolicy, "redirect-to-https");
        assert.equal(d.viewerCertificate.minimumProtocolVersion, "TLSv1.2_2021");
        assert.equal(d.viewerCertificate.sslSupportMethod, "sni-only");
        assert.equal(d.viewerCertificate.cloudfrontDefaultCertificate, undefined);
        const cert = one(run, "aws:acm/certificate:Certificate", "cdn-cert");
        assert.equal(d.viewerCertificate.acmCertificateArn, `arn:aws:acm:eu-central-1:${acct}:certificate/cdn-cert-id`);
        assert.equal(cert.inputs.domainName, `www.${want.domain}`);
        const provider = providerOf(run, cert);
        assert.equal(provider.name, "aws-us-east-1");
        assert.equal(provider.inputs.region, "us-east-1");
        assert.equal(
          providerOf(run, one(run, "aws:acm/certificateValidation:CertificateValidation", "cdn-cert-validation")).inputs.region,
          "us-east-1",
        );
        assert.deepEqual(d.aliases, [`www.${want.domain}`]);
      });

      it("the ALB certificate is in the stack region and covers the api and origin hosts", () => {
        const cert = one(run, "aws:acm/certificate:Certificate", "alb-cert");
        assert.equal(providerOf(run, cert).inputs.region, "eu-central-1");
        assert.equal(cert.inputs.validationMethod, "DNS");
        assert.deepEqual(
          [cert.inputs.domainName, ...(cert.inputs.subjectAlternativeNames as string[])],
          [`api.${want.domain}`, `origin.${want.domain}`],
        );
      });

      it("caches static paths with CachingOptimized and sends the API uncached with all viewer values except Host", () => {
        const d = dist();
        const api = (d.orderedCacheBehaviors as Obj[]).find((b) => b.pathPattern === "/api/*");
        assert.equal(api?.targetOriginId, "alb");
        assert.equal(api?.cachePolicyId, MANAGED_CACHE_POLICY.CachingDisabled);
        assert.equal(api?.cachePolicyId, "4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
        assert.equal(api?.originRequestPolicyId, MANAGED_ORIGIN_REQUEST_POLICY.AllViewerExceptHostHeader);
        assert.equal(api?.originRequestPolicyId, "b689b0a8-53d0-40ab-baf2-68738e2966ac");
        const statics = (d.orderedCacheBehaviors as Obj[]).filter((b) => b.targetOriginId === "static-assets");
        assert.deepEqual(
          statics.map((b) => b.pathPattern),
          ["/static/*"],
        );
        for (const b of statics) {
          assert.equal(b.cachePolicyId, "658327ea-f89d-4fab-a63d-7e88639e58f6");
          assert.deepEqual(b.allowedMethods, ["GET", "HEAD", "OPTIONS"]);
        }
        assert.equal(d.defaultCacheBehavior.targetOriginId, "alb");
      });

      it("adds HSTS, nosniff, frame DENY, a referrer policy and the configured CSP to every response", () => {
        const d = dist();
        const policyId = idOf("security-headers");
        for (const b of [d.defaultCacheBehavior, ...(d.orderedCacheBehaviors as Obj[])])
          assert.equal(b.responseHeadersPolicyId, policyId);
        const h = one(run, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "security-headers").inputs
          .securityHeadersConfig;
        assert.ok(h.strictTransportSecurity.accessControlMaxAgeSec >= 31536000);
        assert.equal(h.strictTransportSecurity.includeSubdomains, true);
        assert.deepEqual(h.contentTypeOptions, { override: true });
        assert.deepEqual(h.frameOptions, { frameOption: "DENY", override: true });
        assert.equal(h.referrerPolicy.referrerPolicy, "strict-origin-when-cross-origin");
        // The default policy, with the RUM web client's endpoints allowed for fetches (components/rum/csp.ts).
        assert.deepEqual(h.contentSecurityPolicy, {
          contentSecurityPolicy: withConnectSources(DEFAULT_CONTENT_SECURITY_POLICY, rumConnectSources("eu-central-1")),
          override: true,
        });
        assert.match(
          h.contentSecurityPolicy.contentSecurityPolicy,
          /; connect-src 'self' https:\/\/dataplane\.rum\.eu-central-1\.amazonaws\.com https:\/\/cognito-identity\.eu-central-1\.amazonaws\.com$/,
        );
      });

      it(`uses ${want.priceClass}`, () => {
        assert.equal(dist().priceClass, want.priceClass);
      });

      it("sends standard (v2) access logs from us-east-1 to the cdn-logs bucket", () => {
        const source = one(run, "aws:cloudwatch/logDeliverySource:LogDeliverySource", "cdn-log-source");
        assert.equal(source.inputs.logType, "ACCESS_LOGS");
        assert.equal(source.inputs.resourceArn, `arn:aws:cloudfront::${acct}:distribution/cdn-id`);
        const destination = one(run, "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination", "cdn-log-destination");
        assert.equal(
          destination.inputs.deliveryDestinationConfiguration.destinationResourceArn,
          `arn:aws:s3:::b2b-commerce-${stack}-cdn-logs-${MOCK_ACCOUNT_ID}-eu-central-1`,
        );
        const delivery = one(run, "aws:cloudwatch/logDelivery:LogDelivery", "cdn-log-delivery");
        assert.equal(delivery.inputs.deliverySourceName, source.inputs.name);
        assert.equal(
          delivery.inputs.deliveryDestinationArn,
          `arn:aws:logs:us-east-1:${acct}:delivery-destination:${destination.inputs.name}`,
        );
        for (const r of [source, destination, delivery]) assert.equal(providerOf(run, r).inputs.region, "us-east-1");
      });
    });

    describe("DNS and outputs", () => {
      it("aliases the storefront host (A and AAAA) to CloudFront and the api and origin hosts to the ALB, in the zone looked up by name", () => {
        const records = edgeResources(run, "aws:route53/record:Record").filter((r) => r.inputs.aliases);
        const byName = (n: string) => records.filter((r) => r.inputs.name === n);
        for (const r of records) assert.equal(r.inputs.zoneId, MOCK_HOSTED_ZONE_ID);
        assert.deepEqual(
          byName(`www.${want.domain}`)
            .map((r) => r.inputs.type)
            .sort(),
          ["A", "AAAA"],
        );
        for (const r of byName(`www.${want.domain}`)) {
          assert.deepEqual(r.inputs.aliases, [
            { name: "cdn-id.cloudfront.net", zoneId: MOCK_CLOUDFRONT_ZONE_ID, evaluateTargetHealth: false },
          ]);
        }
        for (const host of [`api.${want.domain}`, `origin.${want.domain}`]) {
          const [a] = byName(host);
          assert.equal(a.inputs.type, "A");
          assert.deepEqual(a.inputs.aliases, [
            { name: run.outputs.albDnsName, zoneId: "Z215JYRZR1TBD5", evaluateTargetHealth: true },
          ]);
        }
      });

      it("validates each certificate name with a DNS record in the zone", () => {
        const validation = edgeResources(run, "aws:route53/record:Record").filter((r) => r.name.includes("-validation-"));
        assert.deepEqual(
          validation.map((r) => r.inputs.name).sort(),
          [`_mock.api.${want.domain}.`, `_mock.origin.${want.domain}.`, `_mock.www.${want.domain}.`].sort(),
        );
        for (const r of validation) assert.equal(r.inputs.zoneId, MOCK_HOSTED_ZONE_ID);
      });

      it("gives observability the ALB's metric dimension, the REGIONAL Web ACL's name and the API health URL", () => {
        const edge = run.componentOutputs[one(run, EDGE, "edge").urn];
        assert.equal(edge.albArnSuffix, `app/b2b-commerce-${stack}-ingress/50dc6c495c0c9188`);
        assert.equal(edge.regionalWebAclName, `b2b-commerce-${stack}-waf-regional`);
        assert.equal(edge.apiHealthUrl, `https://api.${want.domain}/healthz`);
      });

      it("exports the ALB DNS name and ARN, the CloudFront domain and id, the static bucket name and both Web ACL ARNs", () => {
        const o = run.outputs;
        assert.match(o.albDnsName as string, /\.elb\.amazonaws\.com$/);
        assert.match(o.albArn as string, /:loadbalancer\/app\//);
        assert.equal(o.cloudfrontDomainName, "cdn-id.cloudfront.net");
        assert.equal(o.cloudfrontDistributionId, "cdn-id");
        assert.equal(o.staticAssetsBucketName, `b2b-commerce-${stack}-static-assets-${MOCK_ACCOUNT_ID}-eu-central-1`);
        assert.match(o.regionalWebAclArn as string, /:regional\/webacl\//);
        assert.match(o.cloudfrontWebAclArn as string, /:global\/webacl\//);
      });

      it("every AWS resource of the edge uses an explicit provider: the stack region's or us-east-1", () => {
        const children = run.resources.filter((r) => r.urn.includes(`${EDGE}$`) && r.custom && r.type.startsWith("aws:"));
        assert.ok(children.length > 40);
        for (const r of children) {
          const provider = providerOf(run, r);
          assert.ok(["aws", "aws-us-east-1"].includes(provider.name), `${r.type} ${r.name} uses ${provider.name}`);
        }
      });

      it("every edge resource is a child of the Edge component", () => {
        const edge = one(run, EDGE, "edge");
        const children = run.resources.filter((r) => r.urn.includes(`${EDGE}$`));
        assert.ok(children.length > 40);
        for (const r of children) assert.ok(r.parent === edge.urn || r.parent?.includes(`${EDGE}$`), `${r.name} parent`);
      });
    });
  });
}

describe("edge with Shield Advanced and blocked IPs (prod config overrides)", () => {
  let run: StackRun;
  const requested = stackRunWith("prod", {
    config: {
      edge: JSON.stringify({ shieldAdvanced: true, blockedIpCidrs: ["203.0.113.0/24", "198.51.100.7/32"], wafRateLimit: 500 }),
    },
  });
  before(async () => {
    run = await requested;
  });

  it("protects the ALB and the distribution with Shield Advanced through the us-east-1 provider", () => {
    const protections = ofType(run, "aws:shield/protection:Protection");
    assert.deepEqual(
      protections.map((p) => p.inputs.resourceArn).sort(),
      [run.outputs.albArn, `arn:aws:cloudfront::${MOCK_ACCOUNT_ID}:distribution/cdn-id`].sort(),
    );
    for (const p of protections) assert.equal(providerOf(run, p).inputs.region, "us-east-1");
  });

  it("puts the configured CIDRs in both IP sets and the configured limit in both rate rules", () => {
    for (const name of ["waf-regional", "waf-cloudfront"]) {
      assert.deepEqual(one(run, "aws:wafv2/ipSet:IpSet", `${name}-blocked-ips`).inputs.addresses, [
        "203.0.113.0/24",
        "198.51.100.7/32",
      ]);
      const rate = (one(run, "aws:wafv2/webAcl:WebAcl", name).inputs.rules as Obj[]).find((r) => r.statement.rateBasedStatement);
      assert.equal(rate?.statement.rateBasedStatement.limit, 500);
    }
  });
});

describe("edge in a region opened after August 2022 (eu-central-2)", () => {
  let run: StackRun;
  const requested = stackRunWith("dev", { config: { region: "eu-central-2" } });
  before(async () => {
    run = await requested;
  });

  it("lets the ELB log-delivery service principal, not an ELB account, write the ALB logs under its prefix", () => {
    const allows = statements(one(run, "aws:s3/bucketPolicy:BucketPolicy", "alb-logs-policy").inputs.policy).filter(
      (s) => s.Effect === "Allow",
    );
    assert.deepEqual(
      allows.map((s) => [s.Principal, s.Action, s.Resource]),
      [
        [
          { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
          "s3:PutObject",
          `arn:aws:s3:::b2b-commerce-dev-alb-logs-${MOCK_ACCOUNT_ID}-eu-central-2/alb/AWSLogs/${MOCK_ACCOUNT_ID}/*`,
        ],
      ],
    );
  });

  it("binds the regional WAF log key to that region's CloudWatch Logs and keeps the CloudFront one in us-east-1", () => {
    const principal = (name: string) =>
      statements(one(run, "aws:kms/key:Key", `${name}-logs-key`).inputs.policy).find(
        (s) => s.Sid === "CloudWatchLogsOfThisAccount",
      )?.Principal;
    assert.deepEqual(principal("waf-regional"), { Service: "logs.eu-central-2.amazonaws.com" });
    assert.deepEqual(principal("waf-cloudfront"), { Service: "logs.us-east-1.amazonaws.com" });
  });
});

describe("edge config", () => {
  const project = projectName();
  const load = (stack: Stack, edge?: unknown, extra: Record<string, string> = {}) =>
    loadConfig(project, stack, {
      ...readStackConfig(stack),
      ...(edge === undefined ? {} : { [`${project}:edge`]: JSON.stringify(edge) }),
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`${project}:${k}`, v])),
    });
  const problems = (fn: () => unknown): string[] => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      return e.problems;
    }
    assert.fail("expected a ConfigError");
  };

  it("derives the zone and hosts from the domain and takes the profile's defaults", () => {
    const c = load("staging").edge;
    assert.equal(c.hostedZoneName, "staging.shop.example.com");
    assert.equal(c.storefrontHost, "www.staging.shop.example.com");
    assert.equal(c.apiHost, "api.staging.shop.example.com");
    assert.equal(c.originHost, "origin.staging.shop.example.com");
    assert.deepEqual(c.servicePorts, { storefront: 8080, api: 8080 });
    assert.equal(c.shieldAdvanced, false);
    assert.deepEqual(c.blockedIpCidrs, []);
  });

  it("accepts overrides of every field", () => {
    const c = load("dev", {
      hostedZoneName: "shop.example.com",
      storefrontHost: "dev.shop.example.com",
      apiHost: "api-dev.shop.example.com",
      wafRateLimit: 300,
      priceClass: "PriceClass_200",
      servicePorts: { api: 9000 },
      accessLogExpiryDays: 7,
      contentSecurityPolicy: "default-src 'self'",
    }).edge;
    assert.deepEqual(
      [
        c.hostedZoneName,
        c.storefrontHost,
        c.apiHost,
        c.wafRateLimit,
        c.priceClass,
        c.servicePorts.api,
        c.accessLogExpiryDays,
        c.contentSecurityPolicy,
      ],
      [
        "shop.example.com",
        "dev.shop.example.com",
        "api-dev.shop.example.com",
        300,
        "PriceClass_200",
        9000,
        7,
        "default-src 'self'",
      ],
    );
  });

  it("reports every bad edge value with the stack, key, value and what is allowed", () => {
    const found = problems(() =>
      load("prod", {
        wafRateLimit: 5,
        blockedIpCidrs: ["10.0.0.1/8", "0.0.0.0/0"],
        priceClass: "PriceClass_1",
        apiHost: "api.other.example.org",
        contentSecurityPolicy: "default-src 'self'\nscript-src *",
        servicePorts: { api: 70000, admin: 1 },
        shieldAdvanced: "yes",
        wafLogRetentionDays: 10,
        typo: 1,
      }),
    );
    const expect = (key: string, value: string, allowed: string) =>
      assert.ok(
        found.some((p) => p.includes(`"b2b-commerce:${key}"`) && p.includes(value) && p.includes(allowed)),
        `no problem for ${key} with ${value} / ${allowed} in:\n${found.join("\n")}`,
      );
    expect("edge.wafRateLimit", "5", "an integer from 10 to 2000000000");
    expect("edge.blockedIpCidrs[0]", '"10.0.0.1/8"', "an IPv4 network CIDR from /1 to /32");
    expect("edge.blockedIpCidrs[1]", '"0.0.0.0/0"', "an IPv4 network CIDR from /1 to /32");
    expect("edge.priceClass", '"PriceClass_1"', '"PriceClass_100", "PriceClass_200", "PriceClass_All"');
    expect("edge.apiHost", '"api.other.example.org"', "a name inside the hosted zone shop.example.com");
    expect("edge.contentSecurityPolicy", "default-src", "a one-line Content-Security-Policy value of 1 to 1783 characters");
    expect("edge.servicePorts.api", "70000", "an integer from 1 to 65535");
    expect("edge.servicePorts.admin", "1", "no such field");
    expect("edge.shieldAdvanced", '"yes"', "true or false");
    expect("edge.wafLogRetentionDays", "10", "one of 1, 3, 5, 7, 14");
    expect("edge.typo", "1", "no such field; known fields: hostedZoneName");
    assert.ok(found.length >= 11);
    assert.throws(() => load("prod", { priceClass: "x" }), /Invalid configuration for stack "prod"/);
  });

  it("rejects two roles on one host", () => {
    const found = problems(() => load("dev", { apiHost: "www.dev.shop.example.com" }));
    assert.ok(
      found.some((p) => p.includes('"b2b-commerce:edge.apiHost"') && p.includes("a host different from edge.storefrontHost")),
      found.join("\n"),
    );
  });

  it("does not pile host errors on top of a bad domain", () => {
    const found = problems(() => load("dev", undefined, { domain: "Not A Domain" }));
    assert.deepEqual(
      found.filter((p) => p.includes("edge.")),
      [],
    );
    assert.ok(found.some((p) => p.includes('"b2b-commerce:domain"')));
  });
});
