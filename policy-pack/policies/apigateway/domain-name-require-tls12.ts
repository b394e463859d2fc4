import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const apigatewayDomainNameRequireTls12 = resourcePolicy({
  name: "aws-apigateway-domain-name-require-tls12",
  description: "API Gateway custom domain names negotiate TLS 1.2 or newer.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:4.2.1"],
  remediationSteps: 'Set securityPolicy: "TLS_1_2" (or a SecurityPolicy_TLS13_* policy).',
  types: ["aws:apigateway/domainName:DomainName"],
  validate: (r) => {
    requireThat(
      r,
      "securityPolicy",
      (v) => typeof v === "string" && /^(TLS_1_2|SecurityPolicy_TLS1[23])/.test(v),
      (v) => `securityPolicy is ${String(v ?? "unset (TLS_1_0)")}: TLS 1.0/1.1 clients are accepted. Use TLS_1_2.`,
    );
  },
});
