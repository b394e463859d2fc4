import { ALB_PREFIX, albAnnotations, INGRESSES } from "../../lib/alb-ingress";
import { resourcePolicy } from "../../lib/policy";

export const ingressWafAcl = resourcePolicy({
  name: "kubernetes-ingress-require-waf-acl",
  description:
    "Internet-facing Ingresses of the AWS Load Balancer Controller attach a WAFv2 web ACL (wafv2-acl-arn), as an internet-facing ALB must.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["PCI-DSS-4.0.1:6.4.2"],
  remediationSteps:
    "Annotate alb.ingress.kubernetes.io/wafv2-acl-arn with the REGIONAL web ACL's ARN on every Ingress of the group, and run the controller with --enable-wafv2 and the IAM to associate it.",
  types: INGRESSES,
  validate: (r) => {
    const a = albAnnotations(r, ["scheme", "wafv2-acl-arn", "wafv2-acl-name"]);
    if (!a) return;
    // The controller's default scheme is internal.
    if (a[`${ALB_PREFIX}scheme`] !== "internet-facing") return;
    const arn = a[`${ALB_PREFIX}wafv2-acl-arn`] ?? a[`${ALB_PREFIX}wafv2-acl-name`];
    if (typeof arn !== "string" || arn === "" || arn === "none")
      r.report(
        `The internet-facing ALB has no web ACL (${ALB_PREFIX}wafv2-acl-arn is ${String(arn ?? "unset")}); attach the REGIONAL web ACL.`,
      );
  },
});
