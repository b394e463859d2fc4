import { atMost, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

interface Config {
  maximumHours: number;
}

export const ec2clientvpnEndpointRestrictSessionTimeout = resourcePolicy<Config>({
  name: "aws-ec2clientvpn-endpoint-restrict-session-timeout",
  description:
    "Client VPN sessions end after at most the configured hours (default 12), so a lost laptop does not keep a tunnel for a day.",
  severity: "low",
  topic: "least-privilege",
  category: "security",
  controls: ["PCI-DSS-4.0.1:8.2.8"],
  remediationSteps: "Set sessionTimeoutHours to 8, 10 or 12.",
  config: {
    maximumHours: { type: "integer", minimum: 8, maximum: 24, default: 12, description: "Longest VPN session in hours." },
  },
  types: ["aws:ec2clientvpn/endpoint:Endpoint"],
  validate: (r) => {
    requireThat(
      r,
      "sessionTimeoutHours",
      (v) => atMost(r.config.maximumHours)(v ?? 24),
      (v) => `sessionTimeoutHours is ${String(v ?? "unset (24)")}; allow at most ${r.config.maximumHours}.`,
    );
  },
});
