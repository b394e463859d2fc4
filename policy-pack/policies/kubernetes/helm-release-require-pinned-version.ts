import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { HELM } from "../../lib/types";

export const helmPinnedVersion = resourcePolicy({
  name: "kubernetes-helm-release-require-pinned-version",
  description: "Helm releases and v4 Charts pin an exact chart version (no range, no implicit latest).",
  severity: "medium",
  topic: "supply-chain",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Set version to an exact chart version (e.g. 88.5.3) with the source of the fact in a comment.",
  types: HELM,
  validate: (r) => {
    const v = r.props.version;
    if (isUnknown(v)) return r.undecided("version", v);
    if (typeof v !== "string" || !/^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(v))
      r.report(`version is ${String(v ?? "unset")}; pin an exact chart version.`);
  },
});
