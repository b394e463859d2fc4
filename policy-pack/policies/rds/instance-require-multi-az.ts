import { resourcePolicy } from "../../lib/policy";
import { isSet, isTrue, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const rdsMultiAz = resourcePolicy({
  name: "aws-rds-instance-require-multi-az",
  description: "Primary RDS instances run Multi-AZ (a synchronous standby in a second zone).",
  severity: "medium",
  topic: "availability",
  category: "availability",
  controls: ["FSBP:RDS.5"],
  remediationSteps: "Set multiAz: true (advisory in dev, where a single zone is accepted to save cost).",
  types: [T.rdsInstance],
  validate: (r) => {
    if (isSet(r.props.replicateSourceDb)) return;
    if (isUnknown(r.props.multiAz)) return r.undecided("multiAz", r.props.multiAz);
    if (!isTrue(r.props.multiAz)) r.report("multiAz is off. Turn it on for a standby in a second zone.");
  },
});
