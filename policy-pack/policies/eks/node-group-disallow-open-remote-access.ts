import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { get, isSet, isUnknown, list } from "../../lib/props";

export const eksNodeGroupDisallowOpenRemoteAccess = resourcePolicy({
  name: "aws-eks-node-group-disallow-open-remote-access",
  description:
    "EKS managed node groups with an SSH key restrict SSH to named security groups (without them, port 22 is open to 0.0.0.0/0).",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: { none: "No Security Hub control; the rule follows checkov CKV_AWS_100." },
  remediationSteps: "Remove remoteAccess (use SSM Session Manager), or set remoteAccess.sourceSecurityGroupIds.",
  types: ["aws:eks/nodeGroup:NodeGroup"],
  validate: (r) => {
    const key = get(r.props, "remoteAccess.ec2SshKey");
    if (isUnknown(key)) return r.undecided("remoteAccess.ec2SshKey", key);
    if (isSet(key))
      requireThat(
        r,
        "remoteAccess.sourceSecurityGroupIds",
        (v) => (list(v) ?? []).length > 0,
        "remoteAccess has an SSH key and no sourceSecurityGroupIds: SSH is open to the internet. Name the allowed security groups.",
      );
  },
});
