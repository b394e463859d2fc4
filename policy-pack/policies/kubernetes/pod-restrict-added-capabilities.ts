import { eachContainer, WORKLOAD_TYPES } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";

export const podRestrictAddedCapabilities = resourcePolicy({
  name: "kubernetes-pod-restrict-added-capabilities",
  description: "Containers add no Linux capability except NET_BIND_SERVICE (Pod Security Standards, restricted).",
  severity: "high",
  topic: "workload",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Remove the capability from securityContext.capabilities.add; bind low ports with NET_BIND_SERVICE only.",
  types: WORKLOAD_TYPES,
  validate: (r) => {
    eachContainer(r, (c) => {
      const add = get(c.c, "securityContext.capabilities.add");
      if (isUnknown(add)) return void r.undecided(`${c.where}.securityContext.capabilities.add`, add);
      const bad = ((add ?? []) as unknown[]).map(String).filter((x) => x.replace(/^CAP_/, "") !== "NET_BIND_SERVICE");
      return bad.length > 0 ? `adds capabilities ${bad.join(", ")}. Only NET_BIND_SERVICE may be added.` : undefined;
    });
  },
});
