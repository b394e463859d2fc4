import { stackPolicy } from "../../lib/policy";
import { BUCKETS, T } from "../../lib/types";

/**
 * Resources whose deletion loses data or identity (for keys: makes data unreadable), with what is
 * lost. The one list: this policy asks for `protect` on them, and the program's URN guard
 * (tools/urns.ts) refuses to lose one of them by a rename. Add a type here when a component starts
 * creating one.
 */
export const STATEFUL_TYPES: ReadonlyMap<string, string> = new Map([
  [T.rdsInstance, "database instance or read replica"],
  [T.rdsCluster, "database cluster"],
  ["aws:rds/globalCluster:GlobalCluster", "global database cluster"],
  [T.kmsKey, "KMS key (data encrypted with it becomes unreadable)"],
  ["aws:kms/replicaKey:ReplicaKey", "KMS replica key"],
  [T.secret, "secret"],
  ...BUCKETS.map((b): [string, string] => [b, "bucket"]),
  [T.logGroup, "log group"],
  ["aws:eks/cluster:Cluster", "Kubernetes cluster"],
  ["eks:index:Cluster", "Kubernetes cluster (remote component)"],
  ["aws:sns/topic:Topic", "SNS topic (confirmed subscriptions are lost)"],
  [T.ecrRepository, "container image repository"],
  ["aws:dynamodb/table:Table", "table"],
  ["aws:efs/fileSystem:FileSystem", "file system"],
  ["aws:elasticache/replicationGroup:ReplicationGroup", "cache replication group"],
  ["aws:backup/vault:Vault", "backup vault (its recovery points)"],
]);

export const statefulProtect = stackPolicy({
  name: "aws-stateful-resource-require-protect",
  description:
    "Stateful resources (databases, buckets, keys, secrets, log groups, repositories) carry the `protect` resource option.",
  severity: "high",
  topic: "data-protection",
  category: "availability",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    "Set the resource option `protect: true` on the data store, so `pulumi up` or `destroy` cannot delete it by mistake; make the policy advisory in stacks that are torn down freely.",
  validate: (s) => {
    for (const r of s.resources) {
      if (STATEFUL_TYPES.has(r.type) && !r.opts.protect)
        s.report(`${r.type} ${r.name} is not protected. Set protect: true.`, r.urn);
    }
  },
});
