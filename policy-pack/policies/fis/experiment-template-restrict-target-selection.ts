import { resourcePolicy } from "../../lib/policy";
import { isSet, isUnknown, list } from "../../lib/props";

export const fisExperimentTemplateRestrictTargetSelection = resourcePolicy({
  name: "aws-fis-experiment-template-restrict-target-selection",
  description: 'Fault injection targets are chosen by tag or explicit ARN, never "all resources of the type" in the account.',
  severity: "high",
  topic: "availability",
  category: "availability",
  controls: { none: "AWS FIS best practice; no benchmark control covers experiment targets." },
  remediationSteps:
    "Give each target resourceTags (e.g. the environment) or resourceArns, and a selectionMode such as PERCENT(50) or COUNT(1).",
  types: ["aws:fis/experimentTemplate:ExperimentTemplate"],
  validate: (r) => {
    const targets = list(r.props.targets);
    if (targets === undefined) return r.undecided("targets", r.props.targets);
    targets.forEach((t, i) => {
      const x = t as Record<string, unknown>;
      if (isUnknown(x.resourceTags) || isUnknown(x.resourceArns)) return r.undecided(`targets.${i}`, x.resourceTags);
      // Pods cannot be named by tags or ARNs: a cluster, a namespace and a label selector name them
      // (FIS user guide, "Use the AWS FIS aws:eks:pod actions", limitations).
      if (x.resourceType === "aws:eks:pod") {
        if (isUnknown(x.parameters)) return r.undecided(`targets.${i}.parameters`, x.parameters);
        const p = (x.parameters ?? {}) as Record<string, unknown>;
        if (!isSet(p.clusterIdentifier) || !isSet(p.namespace) || !isSet(p.selectorValue))
          r.report(
            `Target ${String(x.name)} selects pods without a cluster, a namespace and a label selector (parameters clusterIdentifier, namespace, selectorValue).`,
          );
        return;
      }
      if (!isSet(x.resourceArns) && (list(x.resourceTags) ?? []).length === 0 && !isSet(x.filters))
        r.report(
          `Target ${String(x.name)} selects every ${String(x.resourceType)} in the account. Narrow it by resourceTags or resourceArns.`,
        );
    });
  },
});
