import { stackPolicy } from "../../lib/policy";
import { ofTypes, refersTo } from "../../lib/stack";
import { T } from "../../lib/types";

export const wafLogging = stackPolicy({
  name: "aws-wafv2-web-acl-require-logging",
  description: "Every WAF web ACL has a logging configuration.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["PCI-DSS-4.0.1:10.2.1"],
  remediationSteps:
    "Create an aws.wafv2.WebAclLoggingConfiguration with resourceArn = the web ACL's arn and a log group named aws-waf-logs-*.",
  validate: (s) => {
    const logging = ofTypes(s.resources, [T.wafLogging]);
    for (const acl of ofTypes(s.resources, [T.wafWebAcl])) {
      if (!logging.some((l) => refersTo(l, "resourceArn", acl, ["arn"])))
        s.report(`Web ACL ${acl.name} has no logging configuration. Add one.`, acl.urn);
    }
  },
});
