import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";
import { HELM, WORKLOADS } from "../../lib/types";

export const NAMESPACED_TYPES = [
  ...WORKLOADS,
  "kubernetes:core/v1:Service",
  "kubernetes:core/v1:ConfigMap",
  "kubernetes:core/v1:Secret",
  "kubernetes:core/v1:ServiceAccount",
  "kubernetes:rbac.authorization.k8s.io/v1:Role",
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  "kubernetes:networking.k8s.io/v1:Ingress",
  "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  ...HELM,
];

export const k8sNoDefaultNamespace = resourcePolicy({
  name: "kubernetes-resource-disallow-default-namespace",
  description: "Namespaced Kubernetes resources and Helm releases name a namespace other than `default`.",
  severity: "medium",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    "Set metadata.namespace (Helm releases: namespace) to the workload's own namespace, which carries Pod Security labels.",
  types: NAMESPACED_TYPES,
  validate: (r) => {
    const path = (HELM as readonly string[]).includes(r.type) ? "namespace" : "metadata.namespace";
    const ns = get(r.props, path);
    if (isUnknown(ns)) return; // a computed namespace is the component's Namespace resource: not `default`
    if (ns === undefined || ns === "" || ns === "default")
      r.report(`${path} is ${ns === undefined ? "unset (default)" : String(ns)}. Use a dedicated namespace.`);
  },
});
