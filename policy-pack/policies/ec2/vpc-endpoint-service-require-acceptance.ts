import { on, requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const ec2VpcEndpointServiceRequireAcceptance = resourcePolicy({
  name: "aws-ec2-vpc-endpoint-service-require-acceptance",
  description: "VPC endpoint services (PrivateLink) accept new connections manually, so only reviewed consumers connect.",
  severity: "medium",
  topic: "exposure",
  category: "security",
  controls: { none: "No Security Hub control; the rule follows checkov CKV_AWS_123." },
  remediationSteps: "Set acceptanceRequired: true and list allowedPrincipals.",
  types: ["aws:ec2/vpcEndpointService:VpcEndpointService"],
  validate: (r) => {
    requireThat(
      r,
      "acceptanceRequired",
      on,
      "acceptanceRequired is false: any allowed principal connects without review. Turn it on.",
    );
  },
});
