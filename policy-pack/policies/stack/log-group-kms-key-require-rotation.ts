import { stackPolicy } from "../../lib/policy";
import { isSet, isTrue, isUnknown } from "../../lib/props";
import { ofTypes, refersTo } from "../../lib/stack";
import { T } from "../../lib/types";

export const logKeyRotation = stackPolicy({
  name: "aws-cloudwatch-log-group-kms-key-require-rotation",
  description: "Every customer-managed KMS key that encrypts a log group rotates.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: ["CIS-AWS-3.0:3.6", "PCI-DSS-4.0.1:3.7.4"],
  remediationSteps: "Set enableKeyRotation: true on the key passed as the log group's kmsKeyId.",
  validate: (s) => {
    const keys = ofTypes(s.resources, [T.kmsKey]);
    for (const g of ofTypes(s.resources, [T.logGroup])) {
      if (!isSet(g.props.kmsKeyId)) continue; // aws-cloudwatch-log-group-require-kms reports it
      for (const k of keys.filter((key) => refersTo(g, "kmsKeyId", key, ["arn", "keyId", "id"]))) {
        if (isUnknown(k.props.enableKeyRotation)) s.undecided("enableKeyRotation", k.props.enableKeyRotation);
        else if (!isTrue(k.props.enableKeyRotation))
          s.report(`Key ${k.name}, used by log group ${g.name}, does not rotate. Turn rotation on.`, k.urn);
      }
    }
  },
});
