import { PlatformConfig } from "./config";

/**
 * The tags every taggable AWS resource carries. They are applied by ONE mechanism: the `defaultTags`
 * of the explicit AWS provider (infra/providers.ts), which the provider merges into each resource's
 * `tagsAll` - including the children of remote components (awsx, eks), which stack transformations
 * would not reach at deploy time. Components add only resource-specific tags (Name,
 * DataClassification).
 */
export const REQUIRED_TAG_KEYS = ["Project", "Environment", "Owner", "CostCenter", "ManagedBy"] as const;

export type RequiredTags = Record<(typeof REQUIRED_TAG_KEYS)[number], string>;

export function requiredTags(config: PlatformConfig): RequiredTags {
  return {
    Project: config.project,
    Environment: config.environment,
    Owner: config.owner,
    CostCenter: config.costCenter,
    ManagedBy: "pulumi",
  };
}
