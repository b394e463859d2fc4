import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const ec2DefaultVpcDisallowAdoption = resourcePolicy({
  name: "aws-ec2-default-vpc-disallow-adoption",
  description:
    "Programs do not adopt or manage the default VPC (public subnets, a world-open default route): workloads run in the VPCs it builds.",
  severity: "medium",
  topic: "exposure",
  category: "security",
  controls: { none: "Security Hub has no default-VPC control; the rule follows checkov CKV_AWS_148." },
  remediationSteps:
    "Remove the aws.ec2.DefaultVpc resource and place resources in a VPC built for them (delete the default VPC in unused regions).",
  types: ["aws:ec2/defaultVpc:DefaultVpc"],
  validate: (r) => {
    requireThat(
      r,
      "forceDestroy",
      on,
      "The default VPC is adopted. Create resources in a VPC built for them; adopt the default one only to destroy it (forceDestroy: true).",
    );
  },
});
