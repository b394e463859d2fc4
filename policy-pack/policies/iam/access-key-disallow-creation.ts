import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const iamAccessKeyDisallowCreation = resourcePolicy({
  name: "aws-iam-access-key-disallow-creation",
  description: "No long-lived IAM access keys: workloads use roles (IRSA, instance profiles, OIDC federation for CI).",
  severity: "high",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:IAM.3", "CIS-AWS-3.0:1.14"],
  remediationSteps:
    "Replace the access key with a role: IRSA or EKS Pod Identity for pods, GitHub OIDC for CI, instance profiles for EC2.",
  types: ["aws:iam/accessKey:AccessKey"],
  validate: (r) => {
    requireThat(
      r,
      "status",
      (v) => v === "Inactive",
      `Access key for ${String(r.props.user)} is active. Use a role with short-lived credentials instead.`,
    );
  },
});
