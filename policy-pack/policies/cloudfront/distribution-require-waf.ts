import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";
import { T } from "../../lib/types";

export const cfWaf = resourcePolicy({
  name: "aws-cloudfront-distribution-require-waf",
  description: "CloudFront distributions are protected by a WAF web ACL.",
  severity: "high",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:CloudFront.6", "PCI-DSS-4.0.1:6.4.2"],
  remediationSteps: "Set webAclId to the ARN of a CLOUDFRONT-scope aws.wafv2.WebAcl (created in us-east-1).",
  types: [T.cloudfrontDistribution],
  validate: (r) => {
    if (!isSet(r.props.webAclId)) r.report("No webAclId. Attach a CLOUDFRONT-scope WAF web ACL.");
  },
});
