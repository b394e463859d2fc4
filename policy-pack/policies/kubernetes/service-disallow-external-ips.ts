import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { list } from "../../lib/props";

export const serviceDisallowExternalIps = resourcePolicy({
  name: "kubernetes-service-disallow-external-ips",
  description:
    "Services set no externalIPs, which let a service capture traffic for any address (CVE-2020-8554; Kyverno best practice restrict-external-ips).",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["PCI-DSS-4.0.1:1.3.1"],
  remediationSteps: "Remove spec.externalIPs; expose the service through a load balancer.",
  types: ["kubernetes:core/v1:Service"],
  validate: (r) => {
    requireThat(
      r,
      "spec.externalIPs",
      (v) => (list(v) ?? []).length === 0,
      (v) => `spec.externalIPs is ${JSON.stringify(v)}. Remove it.`,
    );
  },
});
