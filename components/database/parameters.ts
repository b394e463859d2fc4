import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../../lib/naming";
import { parameterGroupFamily } from "../../lib/rds";

/**
 * The parameters we set. `shared_preload_libraries` is static (needs a reboot); the others are
 * dynamic. RDS rejects `immediate` for static parameters, hence the per-parameter apply method.
 */
export const DB_PARAMETERS: { name: string; value: string; applyMethod: "immediate" | "pending-reboot" }[] = [
  // Reject every connection that is not TLS (the server side of "TLS in transit").
  { name: "rds.force_ssl", value: "1", applyMethod: "immediate" },
  // Slow-query log: statements slower than 1 s, with their duration.
  { name: "log_min_duration_statement", value: "1000", applyMethod: "immediate" },
  { name: "log_connections", value: "1", applyMethod: "immediate" },
  { name: "log_disconnections", value: "1", applyMethod: "immediate" },
  // Query statistics for Performance Insights / Database Insights and `pg_stat_statements` views.
  { name: "shared_preload_libraries", value: "pg_stat_statements", applyMethod: "pending-reboot" },
];

/**
 * A parameter group of our own (the default group cannot be changed). Its family follows the
 * engine's major version; a major upgrade needs a new group of the new family, so the group's
 * physical name carries the family and Pulumi creates the new one before deleting the old.
 */
export function createParameterGroup(
  parent: pulumi.Resource,
  naming: Naming,
  engineVersion: string,
  logicalName = "db-params",
  provider?: aws.Provider,
) {
  const family = parameterGroupFamily(engineVersion);
  return new aws.rds.ParameterGroup(
    logicalName,
    {
      name: naming.physical(family, "rdsIdentifier"),
      family,
      description: `${naming.prefix} PostgreSQL parameters (TLS only, slow-query and connection logs)`,
      parameters: DB_PARAMETERS,
      tags: { Name: naming.physical(family) },
    },
    { parent, provider },
  );
}
