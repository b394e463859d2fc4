import { clusterSetting, EKS_CLUSTERS } from "../../lib/eks";
import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";

export const eksNoWorldEndpoint = resourcePolicy({
  name: "aws-eks-cluster-disallow-world-public-access",
  description: "A public EKS endpoint is never open to 0.0.0.0/0 (the default when publicAccessCidrs is unset).",
  severity: "critical",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:EKS.1", "PCI-DSS-4.0.1:1.3.1"],
  remediationSteps: "Set publicAccessCidrs to the operators' and CI runners' egress CIDRs, or turn the public endpoint off.",
  types: EKS_CLUSTERS,
  validate: (r) => {
    const [pubPath, pub] = clusterSetting(r.type, r.props, "publicAccess");
    if (isUnknown(pub)) return r.undecided(pubPath, pub);
    if (!isTrue(pub)) return;
    const [path, cidrs] = clusterSetting(r.type, r.props, "publicCidrs");
    if (isUnknown(cidrs)) return r.undecided(path, cidrs);
    const list = (cidrs ?? ["0.0.0.0/0"]) as unknown[];
    if (list.some((c) => c === "0.0.0.0/0" || c === "::/0"))
      r.report(
        `The public endpoint is open to the world (${path} ${cidrs === undefined ? "unset" : list.join(", ")}). List the allowed CIDRs.`,
      );
  },
});
