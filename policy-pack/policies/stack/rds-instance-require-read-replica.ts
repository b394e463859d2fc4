import { stackPolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";
import { ofTypes, refersTo } from "../../lib/stack";
import { T } from "../../lib/types";

interface Config {
  minimumReplicas: number;
}

export const rdsReadReplicas = stackPolicy<Config>({
  name: "aws-rds-instance-require-read-replica",
  description: "Every primary RDS instance has at least the configured number of read replicas.",
  severity: "medium",
  topic: "availability",
  category: "availability",
  controls: { none: "Availability and read-scaling rule." },
  remediationSteps: "Add aws.rds.Instance replicas with replicateSourceDb = the primary's identifier (arn for cross-region).",
  config: { minimumReplicas: { type: "integer", minimum: 0, default: 1, description: "Minimum read replicas per primary." } },
  validate: (s) => {
    const instances = ofTypes(s.resources, [T.rdsInstance]);
    const replicas = instances.filter((i) => isSet(i.props.replicateSourceDb));
    for (const p of instances.filter((i) => !isSet(i.props.replicateSourceDb))) {
      const n = replicas.filter((r) => refersTo(r, "replicateSourceDb", p, ["identifier", "arn", "id"])).length;
      if (n < s.config.minimumReplicas)
        s.report(`${p.name} has ${n} read replica(s); keep at least ${s.config.minimumReplicas}.`, p.urn);
    }
  },
});
