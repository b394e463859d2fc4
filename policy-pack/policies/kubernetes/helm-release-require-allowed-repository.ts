import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";
import { HELM } from "../../lib/types";

interface Config {
  allowedRepositories: string[];
}

export const helmAllowedRepository = resourcePolicy<Config>({
  name: "kubernetes-helm-release-require-allowed-repository",
  description: "Helm releases and v4 Charts install charts only from the allowed repositories.",
  severity: "high",
  topic: "supply-chain",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    "Use a repository from the allow-list (repositoryOpts.repo or an oci:// chart); add a new repository to the list in a reviewed change.",
  config: {
    allowedRepositories: {
      type: "array",
      items: { type: "string" },
      // The repositories of the charts this platform installs, checked 2026-11.
      default: [
        "https://prometheus-community.github.io/helm-charts",
        "https://aws.github.io/eks-charts",
        "https://open-telemetry.github.io/opentelemetry-helm-charts",
        "https://charts.external-secrets.io",
        "https://kubernetes-sigs.github.io/metrics-server/",
        "https://kubernetes.github.io/autoscaler",
        "oci://public.ecr.aws/karpenter",
        "https://argoproj.github.io/argo-helm",
        "https://kyverno.github.io/kyverno/",
        "https://kedacore.github.io/charts",
      ],
      description: "Allowed chart repositories (URL prefixes).",
    },
  },
  types: HELM,
  validate: (r) => {
    const repo = get(r.props, "repositoryOpts.repo");
    const chart = r.props.chart;
    if (isUnknown(repo) || isUnknown(chart)) return r.undecided("repositoryOpts.repo", isUnknown(repo) ? repo : chart);
    const source = String(repo ?? (String(chart ?? "").startsWith("oci://") ? chart : ""));
    const norm = (s: string) => s.replace(/\/+$/, "");
    if (!source) return r.report("No chart repository (a local chart path). Install from an allowed repository.");
    // A prefix ends at a path boundary: "oci://public.ecr.aws/karpenter" does not admit ".../karpenter-mirror".
    const within = (a: string) => norm(source) === norm(a) || norm(source).startsWith(`${norm(a)}/`);
    if (!r.config.allowedRepositories.some(within)) r.report(`Repository ${source} is not allowed.`);
  },
});
