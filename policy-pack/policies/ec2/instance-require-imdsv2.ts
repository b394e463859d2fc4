import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { get, isSet } from "../../lib/props";

export const ec2InstanceRequireImdsv2 = resourcePolicy({
  name: "aws-ec2-instance-require-imdsv2",
  description: "EC2 instances require IMDSv2 (session tokens) for the instance metadata service.",
  severity: "high",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:EC2.8", "CIS-AWS-3.0:5.6"],
  remediationSteps: 'Set metadataOptions { httpTokens: "required" } (or launch from a template that does).',
  types: ["aws:ec2/instance:Instance"],
  validate: (r) => {
    if (isSet(r.props.launchTemplate) && get(r.props, "metadataOptions") === undefined) return; // The launch template's policy covers it.
    requireThat(
      r,
      "metadataOptions.httpTokens",
      (v) => v === "required",
      (v) =>
        `metadataOptions.httpTokens is ${String(v ?? "unset (optional)")}: IMDSv1 lets SSRF read the instance role. Require tokens.`,
    );
  },
});
