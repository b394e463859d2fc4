import { oneOf, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const accessanalyzerAnalyzerRequireExternalAccess = resourcePolicy({
  name: "aws-accessanalyzer-analyzer-require-external-access",
  description:
    "IAM Access Analyzer analyzers look for external access (type ACCOUNT or ORGANIZATION): resources shared outside the zone of trust.",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["CIS-AWS-3.0:1.20"],
  remediationSteps:
    'Set type: "ACCOUNT" (or "ORGANIZATION" in the delegated administrator). Unused-access analyzers are welcome in addition, not instead.',
  types: ["aws:accessanalyzer/analyzer:Analyzer"],
  validate: (r) => {
    // Unused-access analyzers are a different analysis, kept next to the external-access one.
    if (typeof r.props.type === "string" && r.props.type.endsWith("_UNUSED_ACCESS")) return;
    requireThat(
      r,
      "type",
      (v) => v === undefined || oneOf(["ACCOUNT", "ORGANIZATION"])(v),
      (v) => `type is ${String(v)}: this analyzer does not report external access. Add an ACCOUNT or ORGANIZATION analyzer.`,
    );
  },
});
