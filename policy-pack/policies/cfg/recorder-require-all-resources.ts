import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { get, isUnknown } from "../../lib/props";

export const cfgRecorderRequireAllResources = resourcePolicy({
  name: "aws-cfg-recorder-require-all-resources",
  description:
    "AWS Config recorders record all supported resource types, including global ones (IAM), with the recording strategy AWS recommends.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:Config.1", "CIS-AWS-3.0:3.3"],
  remediationSteps:
    "Set recordingGroup { allSupported: true, includeGlobalResourceTypes: true } (in one region per account for the global types).",
  types: ["aws:cfg/recorder:Recorder"],
  validate: (r) => {
    const group = get(r.props, "recordingGroup");
    if (isUnknown(group)) return r.undecided("recordingGroup", group);
    if (group === undefined) return; // AWS default: all supported types.
    if (
      requireThat(
        r,
        "recordingGroup.allSupported",
        (v) => v === undefined || on(v),
        "recordingGroup.allSupported is false: only listed types are recorded. Record all supported types.",
      )
    )
      requireThat(
        r,
        "recordingGroup.includeGlobalResourceTypes",
        on,
        "recordingGroup.includeGlobalResourceTypes is off: IAM changes are not recorded. Turn it on (in one region).",
      );
  },
});
