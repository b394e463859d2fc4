import { ALB_PREFIX, albIngress, INGRESSES } from "../../lib/alb-ingress";
import { ingressRules, isWorld } from "../../lib/ingress";
import { stackPolicy } from "../../lib/policy";
import { get, isTrue, isUnknown } from "../../lib/props";
import { ofTypes, refersTo } from "../../lib/stack";
import { LOAD_BALANCERS, T } from "../../lib/types";

export const worldWebOnlyOnPublicAlb = stackPolicy({
  name: "aws-ec2-security-group-restrict-world-web-to-public-alb",
  description: "A security group open to the world (on 80/443) belongs to an internet-facing load balancer.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["CIS-AWS-3.0:5.2", "PCI-DSS-4.0.1:1.3.1"],
  remediationSteps: "Open 80/443 to the world only on the public ALB's own group; other groups admit the ALB's group as source.",
  validate: (s) => {
    const publicLbs = ofTypes(s.resources, LOAD_BALANCERS).filter((lb) => !isTrue(lb.props.internal));
    const groups = ofTypes(s.resources, [T.securityGroup]);
    // ALBs the load balancer controller builds name their groups in an Ingress annotation: matched by
    // value (an id or Name tag) or, when the value is not known yet, by the annotations' dependencies.
    const publicIngresses = ofTypes(s.resources, INGRESSES).flatMap((r) => {
      const i = albIngress(r.props);
      if (i.kind !== "alb" || i.annotations[`${ALB_PREFIX}scheme`] !== "internet-facing") return [];
      const v = i.annotations[`${ALB_PREFIX}security-groups`];
      if (v === undefined) return [];
      const ids = typeof v === "string" && !isUnknown(v) ? v.split(",").map((x) => x.trim()) : [];
      return [{ ids, deps: r.propertyDependencies.metadata ?? r.dependencies }];
    });
    const onPublicIngress = (sg: (typeof groups)[number]) =>
      publicIngresses.some(
        (i) => i.ids.some((id) => id === sg.props.id || id === get(sg.props, "tags.Name")) || i.deps.includes(sg.urn),
      );
    const onPublicLb = (sg: (typeof groups)[number]) =>
      publicLbs.some((lb) => refersTo(lb, "securityGroups", sg, ["id"])) || onPublicIngress(sg);
    for (const r of s.resources) {
      const rules = ingressRules(r.type, r.props);
      if (rules === "unknown") {
        s.undecided(`${r.name} ingress`, r.props.ingress);
        continue;
      }
      if (!rules.some(isWorld)) continue;
      // A standalone rule belongs to the group named by securityGroupId.
      const owners = r.type === T.securityGroup ? [r] : groups.filter((g) => refersTo(r, "securityGroupId", g, ["id"]));
      if (owners.length === 0 || !owners.some(onPublicLb)) {
        s.report(`${r.type} ${r.name} opens ports to the world but its group is not on an internet-facing load balancer.`, r.urn);
      }
    }
  },
});
