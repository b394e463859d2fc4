/** What a workload needs to sign a cache IAM token: the replication group and its own cache user. */
export interface CacheConnect {
  replicationGroupArn: pulumi.Input<string>;
  /** ARN of the cache user of each workload with a cache flow. */
  userArns: Record<string, pulumi.Input<string>>;
}

/**
 * The IAM statements of one workload, derived from its flows only: `rds-db:connect` as its own
 * database user, `elasticache:Connect` to the cache as its own cache user, and per AWS API the
 * actions on the workload's own resources (aws-apis.ts).
 * A workload whose flows need no AWS permission gets no statements, hence no role.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../../lib/iam";
import type { WorkloadFlows } from "../../stacks/flows";
import { ApiScope, AWS_API_SPECS } from "./aws-apis";

export function workloadStatements(
  flows: WorkloadFlows,
  scope: pulumi.Output<ApiScope>,
  /** `rds-db:connect` prefixes (`arn:...:dbuser:<resource-id>`): the proxy or writer first, then the replicas. */
  connectResourceArns: pulumi.Input<string[]>,
  cache?: CacheConnect,
): Statement[] {
  const statements: Statement[] = [];
  for (const flow of flows.egress) {
    if (flow.kind === "database") {
      statements.push({
        Sid: "ConnectAsOwnDatabaseUser",
        Effect: "Allow",
        Action: "rds-db:connect",
        Resource: pulumi.all([scope, connectResourceArns]).apply(([s, arns]) => arns.map((arn) => `${arn}/${s.workload}`)),
      });
    }
    if (flow.kind === "cache" && cache) {
      const user = scope.apply((s) => cache.userArns[s.workload]);
      // Both resources are required: the cache and the user the token names (ElastiCache user
      // guide, "Authenticating with IAM", setup); another workload's user stays out of reach.
      statements.push({
        Sid: "ConnectAsOwnCacheUser",
        Effect: "Allow",
        Action: "elasticache:Connect",
        Resource: pulumi.all([cache.replicationGroupArn, user]).apply(([g, u]) => {
          if (!u) throw new Error("a cache flow needs the workload's cache user");
          return [g, u];
        }),
      });
    }
    if (flow.kind === "aws") {
      const spec = AWS_API_SPECS[flow.service];
      if (spec.actions.length === 0) continue;
      statements.push({
        Sid: `Own${flow.service[0].toUpperCase()}${flow.service.slice(1)}`,
        Effect: "Allow",
        Action: spec.actions,
        Resource: scope.apply((s) => spec.resources(s)),
        ...(spec.condition ? { Condition: scope.apply((s) => spec.condition!(s)) } : {}),
      });
    }
  }
  return statements;
}
