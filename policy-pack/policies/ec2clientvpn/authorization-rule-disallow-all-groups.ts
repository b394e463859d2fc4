import { notOn, present, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const ec2clientvpnAuthorizationRuleDisallowAllGroups = resourcePolicy({
  name: "aws-ec2clientvpn-authorization-rule-disallow-all-groups",
  description:
    "Client VPN authorization rules grant a network to a named identity-provider group, not to every authenticated user.",
  severity: "high",
  topic: "least-privilege",
  category: "security",
  controls: { none: "Least-privilege network access; PCI DSS 7.2 in spirit, no control id names Client VPN rules." },
  remediationSteps: "Set accessGroupId to the directory or SAML group that needs this network and remove authorizeAllGroups.",
  types: ["aws:ec2clientvpn/authorizationRule:AuthorizationRule"],
  validate: (r) => {
    if (
      requireThat(
        r,
        "authorizeAllGroups",
        notOn,
        `authorizeAllGroups is true: every VPN user reaches ${String(r.props.targetNetworkCidr)}. Name an accessGroupId.`,
      )
    )
      requireThat(r, "accessGroupId", present, "No accessGroupId: name the group this rule authorises.");
  },
});
