import { resourcePolicy } from "../../lib/policy";
import { isSet, list } from "../../lib/props";

export const elasticacheReplicationGroupRequireAuth = resourcePolicy({
  name: "aws-elasticache-replication-group-require-auth",
  description: "ElastiCache replication groups authenticate clients: RBAC user groups (or an AUTH token).",
  severity: "high",
  topic: "least-privilege",
  category: "security",
  controls: ["FSBP:ElastiCache.6"],
  remediationSteps: "Set userGroupIds to a user group with per-application users (or authToken from a secret).",
  types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
  validate: (r) => {
    const groups = list(r.props.userGroupIds);
    if (groups === undefined) return r.undecided("userGroupIds", r.props.userGroupIds);
    if (groups.length === 0 && !isSet(r.props.authToken))
      r.report("Neither userGroupIds nor authToken: any client that reaches the port can read and write. Add RBAC users.");
  },
});
