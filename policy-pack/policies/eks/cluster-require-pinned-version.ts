import { EKS_CLUSTERS } from "../../lib/eks";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

export const eksPinnedVersion = resourcePolicy({
  name: "aws-eks-cluster-require-pinned-version",
  description: "EKS clusters pin the Kubernetes minor version (upgrades are deliberate).",
  severity: "low",
  topic: "supply-chain",
  category: "availability",
  controls: ["FSBP:EKS.2", "PCI-DSS-4.0.1:6.3.3"],
  remediationSteps: 'Set version (e.g. "1.34") in the stack profile, with the source of the fact in a comment.',
  types: EKS_CLUSTERS,
  validate: (r) => {
    const v = r.props.version;
    if (isUnknown(v)) return r.undecided("version", v);
    if (typeof v !== "string" || !/^\d+\.\d+$/.test(v))
      r.report(`version is ${String(v ?? "unset")}; pin a minor version such as 1.34.`);
  },
});
