import { resourcePolicy } from "../../lib/policy";
import { isTrue, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const kmsKeyRequireRotation = resourcePolicy({
  name: "aws-kms-key-require-rotation",
  description: "Customer-managed symmetric KMS keys rotate their key material automatically.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: ["CIS-AWS-3.0:3.6", "PCI-DSS-4.0.1:3.7.4"],
  remediationSteps: "Set `enableKeyRotation: true` on the aws.kms.Key (rotation is free and transparent to users of the key).",
  types: [T.kmsKey],
  validate: (r) => {
    const spec = r.props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot rotate.
    if (spec !== "SYMMETRIC_DEFAULT" && !isUnknown(spec)) return;
    if (isUnknown(r.props.enableKeyRotation)) return r.undecided("enableKeyRotation", r.props.enableKeyRotation);
    if (!isTrue(r.props.enableKeyRotation)) r.report("Key rotation is off. Set enableKeyRotation: true.");
  },
  // Safe and obvious: turning rotation on changes nothing for users of the key.
  remediate: (r) => (isTrue(r.props.enableKeyRotation) ? undefined : { enableKeyRotation: true }),
});
