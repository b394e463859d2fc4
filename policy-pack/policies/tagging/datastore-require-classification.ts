import { resourcePolicy } from "../../lib/policy";
import { tagsOf } from "../../lib/props";
import { BUCKETS, T } from "../../lib/types";

/**
 * Data stores: databases, buckets, secrets, caches, file systems and tables. Not KMS keys (a key's
 * classification is that of the stores it protects, which carry the tag, and one key may serve
 * several classes) and not CloudWatch log groups (operational logs; the log archive bucket carries
 * the tag). Components may still tag keys and log groups; the policy does not require it.
 */
export const DATA_STORE_TYPES = [
  T.rdsInstance,
  T.rdsCluster,
  ...BUCKETS,
  T.secret,
  "aws:dynamodb/table:Table",
  "aws:efs/fileSystem:FileSystem",
  "aws:elasticache/replicationGroup:ReplicationGroup",
];

export const dataStoreClassification = resourcePolicy({
  name: "aws-datastore-resource-require-data-classification",
  description: "Data stores (databases, buckets, secrets, tables, caches, file systems) carry a DataClassification tag.",
  severity: "medium",
  topic: "tagging",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps: "Add `DataClassification: public|internal|confidential|restricted` to the resource's tags.",
  types: DATA_STORE_TYPES,
  validate: (r) => {
    const tags = tagsOf(r.props);
    if (!tags) return r.undecided("tagsAll", r.props.tagsAll ?? r.props.tags);
    if (!tags.DataClassification) r.report("No DataClassification tag. Tag the data store with its classification.");
  },
});
