import { INGRESS_TYPES, ingressRules, isWorld, onlyPorts } from "../../lib/ingress";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  allowedPublicPorts: number[];
}

export const sgNoWorldIngress = resourcePolicy<Config>({
  name: "aws-ec2-security-group-disallow-world-ingress",
  description: "No security group admits 0.0.0.0/0 or ::/0 except TCP 80/443 (the public ALB's listeners).",
  severity: "critical",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:EC2.18", "FSBP:EC2.19", "CIS-AWS-3.0:5.2", "CIS-AWS-3.0:5.3", "PCI-DSS-4.0.1:1.3.1"],
  remediationSteps:
    "Admit traffic from the source security group (e.g. the ALB's) or the VPC CIDR. Only the public ALB's group may open 80/443 to the world; the stack policy aws-ec2-security-group-restrict-world-web-to-public-alb checks which group that is.",
  config: {
    allowedPublicPorts: {
      type: "array",
      items: { type: "integer" },
      default: [80, 443],
      description: "TCP ports that may be open to the world.",
    },
  },
  types: INGRESS_TYPES,
  validate: (r) => {
    const rules = ingressRules(r.type, r.props);
    if (rules === "unknown") return r.undecided("ingress", r.props.ingress);
    for (const rule of rules) {
      if (isWorld(rule) && !onlyPorts(rule, r.config.allowedPublicPorts)) {
        r.report(
          `${rule.where} admits ${rule.cidrs.filter((c) => c.endsWith("/0")).join(", ")} on ${rule.protocol} ${rule.fromPort}-${rule.toPort}. Restrict the source.`,
        );
      } else if (rule.unknown) {
        r.undecided(rule.where);
      }
    }
  },
});
