import { resourcePolicy } from "../../lib/policy";
import { isSet, isTrue, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const ebsVolumeEncryption = resourcePolicy({
  name: "aws-ec2-ebs-volume-require-encryption",
  description: "EBS volumes are encrypted with a customer-managed KMS key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["FSBP:EC2.3", "CIS-AWS-3.0:2.2.1", "PCI-DSS-4.0.1:3.5.1"],
  remediationSteps: "Set encrypted: true and kmsKeyId on the aws.ebs.Volume.",
  types: [T.ebsVolume],
  validate: (r) => {
    if (isUnknown(r.props.encrypted)) r.undecided("encrypted", r.props.encrypted);
    else if (!isTrue(r.props.encrypted)) r.report("The volume is not encrypted. Set encrypted: true.");
    if (!isSet(r.props.kmsKeyId)) r.report("No kmsKeyId. Use the customer-managed volume key.");
  },
});
