import { resourcePolicy } from "../../lib/policy";
import { isSet, isTrue, isUnknown, list } from "../../lib/props";
import { T } from "../../lib/types";

export const launchTemplateEbsEncryption = resourcePolicy({
  name: "aws-ec2-launch-template-require-ebs-encryption",
  description: "Launch template volumes are encrypted with a customer-managed KMS key.",
  severity: "high",
  topic: "encryption",
  category: "security",
  controls: ["CIS-AWS-3.0:2.2.1", "PCI-DSS-4.0.1:3.5.1"],
  remediationSteps: "In every blockDeviceMappings[].ebs set encrypted: true and kmsKeyId to the node volume key's ARN.",
  types: [T.launchTemplate],
  validate: (r) => {
    const mappings = list(r.props.blockDeviceMappings);
    if (!mappings) return r.undecided("blockDeviceMappings", r.props.blockDeviceMappings);
    for (const [i, m] of (mappings as Record<string, Record<string, unknown> | undefined>[]).entries()) {
      const ebs = m.ebs;
      if (!ebs) continue; // instance-store mapping
      if (isUnknown(ebs.encrypted)) r.undecided(`blockDeviceMappings.${i}.ebs.encrypted`, ebs.encrypted);
      else if (!isTrue(ebs.encrypted))
        r.report(`blockDeviceMappings[${i}] (${String(m.deviceName ?? "")}) is not encrypted. Set encrypted: true.`);
      if (!isSet(ebs.kmsKeyId)) r.report(`blockDeviceMappings[${i}] has no kmsKeyId. Use the customer-managed volume key.`);
    }
  },
});
