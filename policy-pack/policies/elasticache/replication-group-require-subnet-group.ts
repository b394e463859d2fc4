import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const elasticacheReplicationGroupRequireSubnetGroup = resourcePolicy({
  name: "aws-elasticache-replication-group-require-subnet-group",
  description: "ElastiCache replication groups run in a named subnet group of private subnets, not the default subnet group.",
  severity: "medium",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:ElastiCache.7"],
  remediationSteps: "Create a subnet group of the private data subnets and set subnetGroupName.",
  types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
  validate: (r) => {
    requireThat(
      r,
      "subnetGroupName",
      (v) => isSet(v) && v !== "default",
      "No subnetGroupName (or the default group): the nodes land in the default VPC subnets. Name a private subnet group.",
    );
  },
});
