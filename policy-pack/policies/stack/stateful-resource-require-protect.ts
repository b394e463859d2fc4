import { stackPolicy } from "../../lib/policy";
import { BUCKETS, T } from "../../lib/types";

/** Resources whose deletion loses data (or, for keys, makes data unreadable). */
export const STATEFUL_TYPES: readonly string[] = [
  T.rdsInstance,
  T.rdsCluster,
  ...BUCKETS,
  T.secret,
  T.kmsKey,
  T.logGroup,
  T.ecrRepository,
  "aws:dynamodb/table:Table",
  "aws:efs/fileSystem:FileSystem",
  "aws:elasticache/replicationGroup:ReplicationGroup",
];

export const statefulProtect = stackPolicy({
  name: "aws-stateful-resource-require-protect",
  description:
    "Stateful resources (databases, buckets, keys, secrets, log groups, repositories) carry the `protect` resource option.",
  severity: "high",
  topic: "data-protection",
  category: "availability",
  controls: ["PCI-DSS-4.0.1:12.10.1"],
  remediationSteps:
    "Set the resource option `protect: true` on the data store, so `pulumi up` or `destroy` cannot delete it by mistake; make the policy advisory in stacks that are torn down freely.",
  validate: (s) => {
    for (const r of s.resources) {
      if (STATEFUL_TYPES.includes(r.type) && !r.opts.protect)
        s.report(`${r.type} ${r.name} is not protected. Set protect: true.`, r.urn);
    }
  },
});
