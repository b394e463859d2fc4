import { stackPolicy } from "../../lib/policy";
import { ofTypes, refersTo } from "../../lib/stack";
import { T } from "../../lib/types";

export const vpcFlowLog = stackPolicy({
  name: "aws-ec2-vpc-require-flow-log",
  description: "Every VPC (aws.ec2.Vpc or awsx.ec2.Vpc) has a flow log.",
  severity: "medium",
  topic: "visibility",
  category: "security",
  controls: ["FSBP:EC2.6", "CIS-AWS-3.0:3.7", "PCI-DSS-4.0.1:10.2.1"],
  remediationSteps:
    "Create an aws.ec2.FlowLog with vpcId = the VPC's id, trafficType ALL, to an encrypted log group or the log archive bucket.",
  validate: (s) => {
    const flowLogs = ofTypes(s.resources, [T.flowLog]);
    const awsxVpcs = ofTypes(s.resources, [T.awsxVpc]);
    const covered = (v: (typeof s.resources)[number]) => flowLogs.some((f) => refersTo(f, "vpcId", v, ["id", "vpcId"]));
    for (const v of awsxVpcs) {
      if (!covered(v)) s.report(`VPC ${v.name} has no flow log. Add an aws.ec2.FlowLog for it.`, v.urn);
    }
    for (const v of ofTypes(s.resources, [T.vpc])) {
      // The child VPC of an awsx.ec2.Vpc is covered by a flow log on the component's vpcId output.
      const parent = awsxVpcs.find((p) => p.urn === v.parentUrn);
      if (parent || covered(v)) continue;
      s.report(`VPC ${v.name} has no flow log. Add an aws.ec2.FlowLog for it.`, v.urn);
    }
  },
});
