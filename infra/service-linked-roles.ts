import * as aws from "@pulumi/aws";

/** IAM path of the EC2 Auto Scaling service-linked role (IAM user guide, "Using service-linked roles"). */
export const AUTOSCALING_SLR_PATH = "/aws-service-role/autoscaling.amazonaws.com/";

/**
 * Whether the account already has `AWSServiceRoleForAutoScaling`. It exists only after the
 * account's first Auto Scaling group, and KMS rejects a key policy naming a principal that does not
 * exist, so a fresh account needs the role created before the EBS key (components/cluster/keys.ts).
 * `iam:ListRoles` answers with an empty list rather than an error when it is missing.
 */
export async function autoScalingServiceLinkedRoleExists(provider: aws.Provider): Promise<boolean> {
  const roles = await aws.iam.getRoles(
    { pathPrefix: AUTOSCALING_SLR_PATH, nameRegex: "^AWSServiceRoleForAutoScaling$" },
    { provider },
  );
  return roles.arns.length > 0;
}
