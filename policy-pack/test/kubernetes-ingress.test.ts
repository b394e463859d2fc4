import { ingressAccessLogs } from "../policies/kubernetes/ingress-require-access-logs";
import { ingressDeletionProtection } from "../policies/kubernetes/ingress-require-deletion-protection";
import { ingressHttpsRedirect } from "../policies/kubernetes/ingress-require-https-redirect";
import { ingressTls13 } from "../policies/kubernetes/ingress-require-tls13-policy";
import { ingressWafAcl } from "../policies/kubernetes/ingress-require-waf-acl";
import type { PackPolicy } from "../lib/policy";
import { UNKNOWN_STRING } from "../lib/props";
import { analyze, assertEqual, cover, describePolicy, mutate, Props } from "./helpers";

const A = "alb.ingress.kubernetes.io/";
const ING = "kubernetes:networking.k8s.io/v1:Ingress";

/** The storefront's Ingress as the edge builds it (components/edge/ingress.ts): every check passes. */
const ingress = {
  metadata: {
    name: "storefront",
    namespace: "storefront",
    annotations: {
      [`${A}group.name`]: "b2b-commerce-prod-edge",
      [`${A}load-balancer-name`]: "b2b-commerce-prod-ingress",
      [`${A}scheme`]: "internet-facing",
      [`${A}security-groups`]: "sg-0123456789abcdef0",
      [`${A}manage-backend-security-group-rules`]: "false",
      [`${A}listen-ports`]: '[{"HTTP":80},{"HTTPS":443}]',
      [`${A}ssl-redirect`]: "443",
      [`${A}certificate-arn`]: "arn:aws:acm:eu-central-1:123456789012:certificate/0b1c",
      [`${A}ssl-policy`]: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      [`${A}wafv2-acl-arn`]: "arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/b2b-commerce-prod-waf-regional/1a2b",
      [`${A}load-balancer-attributes`]:
        "access_logs.s3.enabled=true,access_logs.s3.bucket=b2b-commerce-prod-alb-logs,access_logs.s3.prefix=alb,deletion_protection.enabled=true",
    },
  },
  spec: {
    ingressClassName: "alb",
    rules: [
      {
        host: "origin.shop.example.com",
        http: {
          paths: [
            {
              path: "/*",
              pathType: "ImplementationSpecific",
              backend: { service: { name: "storefront", port: { name: "use-annotation" } } },
            },
          ],
        },
      },
    ],
  },
};
const ann = (p: Props) => p.metadata.annotations as Record<string, unknown>;
/** Another controller's Ingress, without any of the controller's annotations: none of these checks apply. */
const nginx = (p: Props) => ((p.spec.ingressClassName = "nginx"), (p.metadata.annotations = {}));
/** The class given by the legacy annotation instead of spec.ingressClassName. */
const legacyClass = (p: Props) => {
  delete p.spec.ingressClassName;
  ann(p)["kubernetes.io/ingress.class"] = "alb";
};

/** At preview an annotation built from another resource's output is unknown: the check waits. */
function unknownCases(policy: PackPolicy, keys: string[]) {
  cover(policy.name, 0, 0, keys.length + 1);
  describe(`${policy.name} at preview`, () => {
    for (const key of [...keys.map((k) => `${A}${k}`), "ingressClassName"]) {
      it(`cannot decide when ${key} is unknown`, async () => {
        const props = mutate(ingress, (p) =>
          key === "ingressClassName" ? (p.spec.ingressClassName = UNKNOWN_STRING) : (ann(p)[key] = UNKNOWN_STRING),
        );
        const r = await analyze(policy, { type: ING, props });
        assertEqual(r.violations, [], "violations");
        assertEqual(r.cannotRunAtPreview, true, "preview advisory");
      });
    }
  });
}

describe("policy-pack kubernetes Ingress (AWS Load Balancer Controller)", () => {
  describePolicy({
    policy: ingressTls13,
    type: ING,
    compliant: ingress,
    alsoCompliant: [
      { name: "an Ingress of another controller", change: nginx },
      {
        name: "HTTP only (the HTTPS check is the redirect policy's)",
        change: (p) => (ann(p)[`${A}listen-ports`] = '[{"HTTP":80}]'),
      },
    ],
    violations: [
      {
        name: "no ssl-policy (the controller's default allows TLS 1.0)",
        change: (p) => delete ann(p)[`${A}ssl-policy`],
        expect: "ssl-policy is unset",
      },
      {
        name: "a TLS 1.2 policy",
        change: (p) => (ann(p)[`${A}ssl-policy`] = "ELBSecurityPolicy-2016-08"),
        expect: "ssl-policy is ELBSecurityPolicy-2016-08",
      },
      { name: "no certificate", change: (p) => delete ann(p)[`${A}certificate-arn`], expect: "certificate-arn is unset" },
      { name: "an empty certificate", change: (p) => (ann(p)[`${A}certificate-arn`] = ""), expect: "certificate-arn is unset" },
      {
        name: "HTTPS by default (a certificate, no listen-ports) with a TLS 1.2 policy",
        change: (p) => (delete ann(p)[`${A}listen-ports`], (ann(p)[`${A}ssl-policy`] = "ELBSecurityPolicy-TLS-1-2-2017-01")),
        expect: "ssl-policy is ELBSecurityPolicy-TLS-1-2-2017-01",
      },
      {
        name: "listen-ports an object, not a list",
        change: (p) => (ann(p)[`${A}listen-ports`] = '{"HTTPS":443}'),
        expect: "not a JSON list",
      },
      { name: "listen-ports not JSON", change: (p) => (ann(p)[`${A}listen-ports`] = "HTTPS:443"), expect: "not a JSON list" },
      {
        name: "the class by the legacy annotation, TLS 1.0 allowed",
        change: (p) => (legacyClass(p), (ann(p)[`${A}ssl-policy`] = "ELBSecurityPolicy-TLS-1-0-2015-04")),
        expect: "ssl-policy is ELBSecurityPolicy-TLS-1-0-2015-04",
      },
    ],
  });
  unknownCases(ingressTls13, ["ssl-policy", "certificate-arn", "listen-ports"]);

  describePolicy({
    policy: ingressHttpsRedirect,
    type: ING,
    compliant: ingress,
    alsoCompliant: [
      {
        name: "HTTPS only",
        change: (p) => ((ann(p)[`${A}listen-ports`] = '[{"HTTPS":443}]'), delete ann(p)[`${A}ssl-redirect`]),
      },
      {
        name: "no listen-ports with a certificate (the controller's default is HTTPS 443)",
        change: (p) => (delete ann(p)[`${A}listen-ports`], delete ann(p)[`${A}ssl-redirect`]),
      },
      { name: "an Ingress of another controller", change: nginx },
    ],
    violations: [
      {
        name: "HTTP and HTTPS without redirect",
        change: (p) => delete ann(p)[`${A}ssl-redirect`],
        expect: "serves the rules in clear",
      },
      { name: "HTTP only", change: (p) => (ann(p)[`${A}listen-ports`] = '[{"HTTP":80}]'), expect: "no HTTPS listener" },
      {
        name: "no listen-ports and no certificate (the controller's default is HTTP 80)",
        change: (p) => (delete ann(p)[`${A}listen-ports`], delete ann(p)[`${A}certificate-arn`]),
        expect: "no HTTPS listener",
      },
      {
        name: "a redirect to a port that is not HTTPS",
        change: (p) => (ann(p)[`${A}ssl-redirect`] = "8443"),
        expect: "ssl-redirect is 8443",
      },
    ],
  });
  unknownCases(ingressHttpsRedirect, ["listen-ports", "ssl-redirect", "certificate-arn"]);

  describePolicy({
    policy: ingressWafAcl,
    type: ING,
    compliant: ingress,
    alsoCompliant: [
      {
        name: "an internal ALB (the controller's default scheme)",
        change: (p) => (delete ann(p)[`${A}scheme`], delete ann(p)[`${A}wafv2-acl-arn`]),
      },
      {
        name: "the web ACL by name",
        change: (p) => (delete ann(p)[`${A}wafv2-acl-arn`], (ann(p)[`${A}wafv2-acl-name`] = "b2b-commerce-prod-waf-regional")),
      },
      { name: "an Ingress of another controller", change: nginx },
    ],
    violations: [
      { name: "no web ACL", change: (p) => delete ann(p)[`${A}wafv2-acl-arn`], expect: "wafv2-acl-arn is unset" },
      {
        name: "the web ACL removed with none",
        change: (p) => (ann(p)[`${A}wafv2-acl-arn`] = "none"),
        expect: "wafv2-acl-arn is none",
      },
      { name: "an empty web ACL", change: (p) => (ann(p)[`${A}wafv2-acl-arn`] = ""), expect: "has no web ACL" },
      {
        name: "an empty ARN does not fall back to a name",
        change: (p) => ((ann(p)[`${A}wafv2-acl-arn`] = ""), (ann(p)[`${A}wafv2-acl-name`] = "acl")),
        expect: "has no web ACL",
      },
      {
        name: "legacy class, no web ACL",
        change: (p) => (legacyClass(p), delete ann(p)[`${A}wafv2-acl-arn`]),
        expect: "has no web ACL",
      },
    ],
  });
  unknownCases(ingressWafAcl, ["scheme", "wafv2-acl-arn"]);

  describePolicy({
    policy: ingressAccessLogs,
    type: ING,
    compliant: ingress,
    alsoCompliant: [
      { name: "an Ingress of another controller", change: nginx },
      {
        name: "attributes written with spaces",
        change: (p) =>
          (ann(p)[`${A}load-balancer-attributes`] = " access_logs.s3.enabled = true , access_logs.s3.bucket = logs "),
      },
    ],
    violations: [
      {
        name: "no load-balancer-attributes",
        change: (p) => delete ann(p)[`${A}load-balancer-attributes`],
        expect: "access_logs.s3.enabled is unset",
      },
      {
        name: "a bucket attribute without a value",
        change: (p) => (ann(p)[`${A}load-balancer-attributes`] = "access_logs.s3.enabled=true,access_logs.s3.bucket"),
        expect: "bucket unset",
      },
      {
        name: "a value that contains =",
        change: (p) => (ann(p)[`${A}load-balancer-attributes`] = "access_logs.s3.enabled=true=yes,access_logs.s3.bucket=logs"),
        expect: "access_logs.s3.enabled is true=yes",
      },
      {
        name: "logs switched off",
        change: (p) => (ann(p)[`${A}load-balancer-attributes`] = "access_logs.s3.enabled=false,access_logs.s3.bucket=logs"),
        expect: "access_logs.s3.enabled is false",
      },
      {
        name: "no bucket",
        change: (p) => (ann(p)[`${A}load-balancer-attributes`] = "access_logs.s3.enabled=true"),
        expect: "bucket unset",
      },
    ],
  });
  unknownCases(ingressAccessLogs, ["load-balancer-attributes"]);

  describePolicy({
    policy: ingressDeletionProtection,
    type: ING,
    compliant: ingress,
    alsoCompliant: [{ name: "an Ingress of another controller", change: nginx }],
    violations: [
      {
        name: "deletion protection off",
        change: (p) => (ann(p)[`${A}load-balancer-attributes`] = "access_logs.s3.enabled=true,deletion_protection.enabled=false"),
        expect: "deletion_protection.enabled is false",
      },
      {
        name: "no load-balancer-attributes",
        change: (p) => delete ann(p)[`${A}load-balancer-attributes`],
        expect: "deletion_protection.enabled is unset",
      },
    ],
  });
  unknownCases(ingressDeletionProtection, ["load-balancer-attributes"]);
});
