import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const addonPinnedVersion = resourcePolicy({
  name: "aws-eks-addon-require-pinned-version",
  description: "EKS add-ons pin addonVersion (no silent upgrade to the default version).",
  severity: "low",
  topic: "supply-chain",
  category: "availability",
  controls: ["PCI-DSS-4.0.1:6.3.3"],
  remediationSteps: "Set addonVersion (from `aws eks describe-addon-versions`), with the source of the fact in a comment.",
  types: [T.eksAddon],
  validate: (r) => {
    const v = r.props.addonVersion;
    if (isUnknown(v)) return r.undecided("addonVersion", v);
    if (typeof v !== "string" || !/^v?\d+\.\d/.test(v)) r.report(`addonVersion is ${String(v ?? "unset")}; pin a version.`);
  },
});
