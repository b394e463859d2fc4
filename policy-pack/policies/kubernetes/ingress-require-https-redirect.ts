import { ALB_PREFIX, albAnnotations, INGRESSES, listenersOrReport } from "../../lib/alb-ingress";
import { resourcePolicy } from "../../lib/policy";

export const ingressHttpsRedirect = resourcePolicy({
  name: "kubernetes-ingress-require-https-redirect",
  description:
    "Ingresses of the AWS Load Balancer Controller listen on HTTPS, and an HTTP listener only redirects to it (ssl-redirect).",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:ELB.1", "PCI-DSS-4.0.1:4.2.1"],
  remediationSteps:
    'Annotate alb.ingress.kubernetes.io/listen-ports: \'[{"HTTP":80},{"HTTPS":443}]\' and ssl-redirect: "443" (or listen on HTTPS only).',
  types: INGRESSES,
  validate: (r) => {
    const a = albAnnotations(r, ["listen-ports", "ssl-redirect", "certificate-arn"]);
    const ports = a && listenersOrReport(r, a);
    if (!a || !ports) return;
    const https = ports.filter((p) => p.protocol === "HTTPS").map((p) => p.port);
    if (https.length === 0) return r.report("The Ingress has no HTTPS listener; add one to listen-ports with a certificate.");
    if (!ports.some((p) => p.protocol === "HTTP")) return;
    const redirect = a[`${ALB_PREFIX}ssl-redirect`];
    if (redirect === undefined)
      return r.report(`An HTTP listener serves the rules in clear: set ${ALB_PREFIX}ssl-redirect to the HTTPS port.`);
    if (!https.includes(Number(redirect)))
      r.report(`${ALB_PREFIX}ssl-redirect is ${String(redirect)}, not an HTTPS port of listen-ports (${https.join(", ")}).`);
  },
});
