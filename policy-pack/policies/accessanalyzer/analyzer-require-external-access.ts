import { stackPolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { ofTypes } from "../../lib/stack";

const ANALYZER = "aws:accessanalyzer/analyzer:Analyzer";
/** Analyzer types that report external access (ACCOUNT is the default when type is unset). */
const EXTERNAL = [undefined, "ACCOUNT", "ORGANIZATION"];

export const accessanalyzerAnalyzerRequireExternalAccess = stackPolicy({
  name: "aws-accessanalyzer-analyzer-require-external-access",
  description:
    "A stack that creates IAM Access Analyzer analyzers includes one for external access (type ACCOUNT or ORGANIZATION); unused-access analyzers come in addition, not instead.",
  severity: "medium",
  topic: "least-privilege",
  category: "security",
  controls: ["CIS-AWS-3.0:1.20"],
  remediationSteps:
    'Add an analyzer with type "ACCOUNT" (or "ORGANIZATION" in the delegated administrator) next to the unused-access analyzer.',
  validate: (s) => {
    const analyzers = ofTypes(s.resources, [ANALYZER]);
    if (analyzers.length === 0) return;
    const types = analyzers.map((a) => a.props.type);
    if (types.some((t) => EXTERNAL.includes(t as string | undefined))) return;
    const unknown = types.find(isUnknown);
    if (unknown !== undefined) return s.undecided("type", unknown);
    s.report(
      `The stack's analyzers (${types.map(String).join(", ")}) do not report external access. Add an ACCOUNT or ORGANIZATION analyzer.`,
      analyzers[0].urn,
    );
  },
});
