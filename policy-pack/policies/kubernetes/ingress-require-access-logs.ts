import { ALB_PREFIX, albAnnotations, INGRESSES, lbAttributes } from "../../lib/alb-ingress";
import { resourcePolicy } from "../../lib/policy";

export const ingressAccessLogs = resourcePolicy({
  name: "kubernetes-ingress-require-access-logs",
  description:
    "Ingresses of the AWS Load Balancer Controller turn on the ALB's access logs to S3 (load-balancer-attributes), as load balancers must.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:ELB.5", "PCI-DSS-4.0.1:10.2.1"],
  remediationSteps:
    "Annotate alb.ingress.kubernetes.io/load-balancer-attributes with access_logs.s3.enabled=true,access_logs.s3.bucket=<log bucket> on every Ingress of the group.",
  types: INGRESSES,
  validate: (r) => {
    const a = albAnnotations(r, ["load-balancer-attributes"]);
    if (!a) return;
    const attrs = lbAttributes(a);
    if (attrs["access_logs.s3.enabled"] !== "true" || !attrs["access_logs.s3.bucket"])
      r.report(
        `Access logs are off (access_logs.s3.enabled is ${attrs["access_logs.s3.enabled"] ?? "unset"}, bucket ${attrs["access_logs.s3.bucket"] || "unset"}); set both in ${ALB_PREFIX}load-balancer-attributes.`,
      );
  },
});
