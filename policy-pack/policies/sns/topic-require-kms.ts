import { resourcePolicy } from "../../lib/policy";
import { isSet, isUnknown } from "../../lib/props";
import { T } from "../../lib/types";

export const snsKms = resourcePolicy({
  name: "aws-sns-topic-require-kms",
  description: "SNS topics are encrypted with a customer-managed KMS key.",
  severity: "medium",
  topic: "encryption",
  category: "security",
  controls: ["PCI-DSS-4.0.1:3.5.1"],
  remediationSteps:
    "Set kmsMasterKeyId to a customer-managed key whose policy lets the publishing services (e.g. cloudwatch.amazonaws.com) use it.",
  types: [T.snsTopic],
  validate: (r) => {
    const k = r.props.kmsMasterKeyId;
    if (!isSet(k)) return r.report("No kmsMasterKeyId. Encrypt the topic with a customer-managed key.");
    if (!isUnknown(k) && String(k) === "alias/aws/sns")
      r.report(
        "The topic uses the AWS-managed alias/aws/sns key, which CloudWatch alarms cannot use. Use a customer-managed key.",
      );
  },
});
