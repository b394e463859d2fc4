import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const rdsPinnedEngineVersion = resourcePolicy({
  name: "aws-rds-instance-require-pinned-engine-version",
  description: "RDS instances and clusters pin the engine's major version (no implicit latest).",
  severity: "low",
  topic: "supply-chain",
  category: "availability",
  controls: ["PCI-DSS-4.0.1:6.3.3"],
  remediationSteps: "Set engineVersion (e.g. 17.6 or 17) in the stack profile, with the source of the version fact in a comment.",
  types: [T.rdsInstance, T.rdsCluster],
  validate: (r) => {
    if (r.props.replicateSourceDb !== undefined) return; // replicas follow the source (clusters have no such property)
    const v = r.props.engineVersion;
    if (isUnknown(v)) return r.undecided("engineVersion", v);
    // A version starts with a digit ("17.6", "8.0.mysql_aurora.3.08.2"); a name ("postgres") is none.
    if (typeof v !== "string" || !/^\d/.test(v)) r.report("No engineVersion: AWS would pick the current default. Pin it.");
  },
});
