import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const serviceDisallowNodePort = resourcePolicy({
  name: "kubernetes-service-disallow-node-port",
  description:
    "Services are not of type NodePort: a node port opens the service on every node, around the load balancer and its WAF (Kyverno best practice restrict-nodeport).",
  severity: "medium",
  topic: "exposure",
  category: "security",
  controls: ["PCI-DSS-4.0.1:1.3.1"],
  remediationSteps: "Use ClusterIP behind an Ingress or a TargetGroupBinding (IP targets) instead.",
  types: ["kubernetes:core/v1:Service"],
  validate: (r) => {
    requireThat(
      r,
      "spec.type",
      (v) => v !== "NodePort",
      "spec.type is NodePort: the service listens on every node. Use ClusterIP behind the load balancer.",
    );
  },
});
