import { ALB_PREFIX, albAnnotations, INGRESSES, lbAttributes } from "../../lib/alb-ingress";
import { resourcePolicy } from "../../lib/policy";

export const ingressDeletionProtection = resourcePolicy({
  name: "kubernetes-ingress-require-deletion-protection",
  description:
    "Ingresses of the AWS Load Balancer Controller turn on the ALB's deletion protection (load-balancer-attributes): an IngressGroup emptied by mistake would otherwise delete the ALB and its DNS name.",
  severity: "medium",
  topic: "data-protection",
  category: "availability",
  controls: ["FSBP:ELB.6"],
  remediationSteps:
    "Annotate alb.ingress.kubernetes.io/load-balancer-attributes with deletion_protection.enabled=true on every Ingress of the group (prod; the stacks' pack config makes it advisory where nothing must be protected).",
  types: INGRESSES,
  validate: (r) => {
    const a = albAnnotations(r, ["load-balancer-attributes"]);
    if (!a) return;
    const attrs = lbAttributes(a);
    if (attrs["deletion_protection.enabled"] !== "true")
      r.report(
        `Deletion protection is off (deletion_protection.enabled is ${attrs["deletion_protection.enabled"] ?? "unset"}); set it to true in ${ALB_PREFIX}load-balancer-attributes.`,
      );
  },
});
