import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";

interface Config {
  ports: number[];
}

const RULE = "aws:ec2/networkAclRule:NetworkAclRule";
const FIELDS = ["ruleAction", "cidrBlock", "ipv6CidrBlock", "protocol", "fromPort", "toPort"] as const;

/** One ingress entry, as a standalone rule or an entry of a network ACL's `ingress` list. */
interface Entry {
  where: string;
  ruleNo: number;
  action: unknown;
  cidrBlock: unknown;
  ipv6CidrBlock: unknown;
  protocol: string;
  fromPort: number;
  toPort: number;
}

/** The entry's world-facing families: 0.0.0.0/0 and ::/0. */
const worlds = (e: Entry) => [e.cidrBlock === "0.0.0.0/0" && "0.0.0.0/0", e.ipv6CidrBlock === "::/0" && "::/0"].filter(Boolean);
const allProtocols = (e: Entry) => e.protocol === "-1" || e.protocol === "all";
const portProtocol = (e: Entry) => ["6", "tcp", "17", "udp"].includes(e.protocol);
/** Whether the entry decides traffic from anywhere to `port` (undefined: to every port). */
const covers = (e: Entry, port?: number) =>
  allProtocols(e) || (port !== undefined && portProtocol(e) && e.fromPort <= port && port <= e.toPort);

export const ec2NetworkAclRuleDisallowWorldAdminPorts = resourcePolicy<Config>({
  name: "aws-ec2-network-acl-rule-disallow-world-admin-ports",
  description:
    "Network ACL ingress rules do not allow 0.0.0.0/0 or ::/0 to remote administration ports (22, 3389), FTP (20, 21) or all ports.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:EC2.21", "CIS-AWS-3.0:5.1"],
  remediationSteps:
    "Allow SSH and RDP only from management CIDRs (better: use SSM Session Manager and allow neither), and serve files over HTTPS or SFTP instead of FTP.",
  config: {
    ports: {
      type: "array",
      items: { type: "integer" },
      default: [20, 21, 22, 3389],
      description: "Ports no ingress rule may allow from the world (FTP's credentials travel in clear text).",
    },
  },
  types: [RULE, "aws:ec2/networkAcl:NetworkAcl", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"],
  validate: (r) => {
    let entries: Entry[];
    if (r.type === RULE) {
      for (const k of ["egress", ...FIELDS]) if (isUnknown(r.props[k])) return r.undecided(k, r.props[k]);
      // A standalone rule is judged alone: the other rules of its ACL are other resources.
      if (isTrue(r.props.egress)) return;
      entries = [entry("rule", r.props, Number(r.props.ruleNumber ?? 0), r.props.ruleAction)];
    } else {
      // Inline entries: `ingress` only (egress entries are a list of their own).
      const ingress = r.props.ingress;
      if (isUnknown(ingress)) return r.undecided("ingress", ingress);
      const list = (ingress ?? []) as Record<string, unknown>[];
      for (const [i, e] of list.entries())
        for (const k of ["ruleNo", "action", ...FIELDS.slice(1)])
          if (isUnknown(e[k])) return r.undecided(`ingress.${i}.${k}`, e[k]);
      entries = list.map((e, i) => entry(`ingress.${i}`, e, Number(e.ruleNo ?? 0), e.action)).sort((a, b) => a.ruleNo - b.ruleNo);
    }
    // AWS evaluates the entries in rule-number order and the first that matches decides; for
    // traffic from anywhere, only world-facing entries match every source.
    for (const world of ["0.0.0.0/0", "::/0"]) {
      const facing = entries.filter((e) => worlds(e).includes(world));
      const decider = (port?: number) => facing.find((e) => covers(e, port));
      const all = decider();
      if (all?.action === "allow") {
        r.report(`${all.where} allows ingress from ${world} on all protocols and ports. Narrow the rule.`);
        continue;
      }
      const open = new Map<Entry, number[]>();
      for (const p of r.config.ports) {
        const e = decider(p);
        if (e?.action === "allow") open.set(e, [...(open.get(e) ?? []), p]);
      }
      for (const [e, ports] of open)
        r.report(
          `${e.where} allows ingress from ${world} to port(s) ${ports.join(", ")}. Allow administration only from management CIDRs.`,
        );
    }
  },
});

function entry(where: string, e: Record<string, unknown>, ruleNo: number, action: unknown): Entry {
  return {
    where,
    ruleNo,
    action,
    cidrBlock: e.cidrBlock,
    ipv6CidrBlock: e.ipv6CidrBlock,
    protocol: String(e.protocol).toLowerCase(),
    fromPort: Number(e.fromPort ?? 0),
    toPort: Number(e.toPort ?? 65535),
  };
}
