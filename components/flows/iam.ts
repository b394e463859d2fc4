/**
 * The IAM statements of one workload, derived from its flows only: `rds-db:connect` as its own
 * database user, and per AWS API the actions on the workload's own resources (aws-apis.ts).
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
