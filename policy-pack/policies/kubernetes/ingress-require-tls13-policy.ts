import { ALB_PREFIX, albAnnotations, INGRESSES, listenersOrReport } from "../../lib/alb-ingress";
import { resourcePolicy } from "../../lib/policy";
import { listenerTls13 } from "../elb/listener-require-tls13-policy";

interface Config {
  allowedPolicies: string[];
}

export const ingressTls13 = resourcePolicy<Config>({
  name: "kubernetes-ingress-require-tls13-policy",
  description:
    "Ingresses of the AWS Load Balancer Controller that listen on HTTPS name a certificate and a TLS 1.3 security policy (ssl-policy), as listeners must.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:4.2.1"],
  remediationSteps:
    'Annotate alb.ingress.kubernetes.io/ssl-policy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09" (or another policy in the allow-list) and certificate-arn on every Ingress of the group.',
  config: {
    allowedPolicies: {
      type: "array",
      items: { type: "string" },
      // The listener rule's allow-list: one list for both ways of building an ALB.
      default: listenerTls13.meta.defaults.allowedPolicies as string[],
      description: "Allowed ssl-policy names.",
    },
  },
  types: INGRESSES,
  validate: (r) => {
    const a = albAnnotations(r, ["listen-ports", "ssl-policy", "certificate-arn"]);
    const ports = a && listenersOrReport(r, a);
    if (!a || !ports) return;
    if (!ports.some((p) => p.protocol === "HTTPS")) return;
    const policy = a[`${ALB_PREFIX}ssl-policy`];
    if (typeof policy !== "string" || !r.config.allowedPolicies.includes(policy))
      r.report(
        `${ALB_PREFIX}ssl-policy is ${String(policy ?? "unset (ELBSecurityPolicy-2016-08, allows TLS 1.0)")}; use ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09.`,
      );
    if (typeof a[`${ALB_PREFIX}certificate-arn`] !== "string" || a[`${ALB_PREFIX}certificate-arn`] === "")
      r.report(
        `${ALB_PREFIX}certificate-arn is unset; name the ACM certificate of the hosts (the controller would otherwise discover one by host name).`,
      );
  },
});
