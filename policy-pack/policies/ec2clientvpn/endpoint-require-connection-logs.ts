import { on, present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const ec2clientvpnEndpointRequireConnectionLogs = resourcePolicy({
  name: "aws-ec2clientvpn-endpoint-require-connection-logs",
  description: "Client VPN endpoints log connections (who connected, when, from where) to CloudWatch Logs.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:EC2.51"],
  remediationSteps: "Set connectionLogOptions { enabled: true, cloudwatchLogGroup, cloudwatchLogStream }.",
  types: ["aws:ec2clientvpn/endpoint:Endpoint"],
  validate: (r) => {
    if (
      requireThat(
        r,
        "connectionLogOptions.enabled",
        on,
        "connectionLogOptions.enabled is off: VPN sessions leave no trace. Turn connection logging on.",
      )
    )
      requireThat(
        r,
        "connectionLogOptions.cloudwatchLogGroup",
        present,
        "Connection logging is on without cloudwatchLogGroup. Name the log group.",
      );
  },
});
