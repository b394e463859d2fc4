import { Policies } from "@pulumi/policy";
import { requiredTags } from "./tagging/required-tags";

/** Every policy of the pack, grouped by service area. */
export const allPolicies: Policies = [requiredTags];
