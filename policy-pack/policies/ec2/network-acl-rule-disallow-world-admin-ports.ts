import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";

export const ec2NetworkAclRuleDisallowWorldAdminPorts = resourcePolicy({
  name: "aws-ec2-network-acl-rule-disallow-world-admin-ports",
  description:
    "Network ACL ingress rules do not allow 0.0.0.0/0 or ::/0 to remote administration ports (22, 3389) or to all ports.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:EC2.21", "CIS-AWS-3.0:5.1"],
  remediationSteps: "Allow SSH and RDP only from management CIDRs (better: use SSM Session Manager and allow neither).",
  types: ["aws:ec2/networkAclRule:NetworkAclRule"],
  validate: (r) => {
    for (const k of ["egress", "ruleAction", "cidrBlock", "ipv6CidrBlock", "protocol", "fromPort", "toPort"])
      if (isUnknown(r.props[k])) return r.undecided(k, r.props[k]);
    if (isTrue(r.props.egress) || r.props.ruleAction !== "allow") return;
    if (r.props.cidrBlock !== "0.0.0.0/0" && r.props.ipv6CidrBlock !== "::/0") return;
    const proto = String(r.props.protocol);
    if (proto === "-1" || proto === "all") return r.report("Ingress from anywhere on all protocols and ports. Narrow the rule.");
    if (proto !== "6" && proto !== "tcp" && proto !== "17" && proto !== "udp") return;
    const from = Number(r.props.fromPort ?? 0);
    const to = Number(r.props.toPort ?? 65535);
    const hit = [22, 3389].filter((p) => from <= p && p <= to);
    if (hit.length > 0)
      r.report(`Ingress from anywhere to port(s) ${hit.join(", ")}. Allow administration only from management CIDRs.`);
  },
});
