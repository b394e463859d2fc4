import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const cfgRecorderStatusRequireEnabled = resourcePolicy({
  name: "aws-cfg-recorder-status-require-enabled",
  description: "AWS Config recorders are started (a recorder that exists but is stopped records nothing).",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:Config.1", "CIS-AWS-3.0:3.3"],
  remediationSteps: "Set isEnabled: true on the recorder status (after the delivery channel exists).",
  types: ["aws:cfg/recorderStatus:RecorderStatus"],
  validate: (r) => {
    requireThat(r, "isEnabled", on, "isEnabled is false: the recorder is stopped. Start it.");
  },
});
