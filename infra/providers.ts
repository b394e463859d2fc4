import * as aws from "@pulumi/aws";
import { PlatformConfig } from "./config";
import { requiredTags } from "./tagging";

export interface Providers {
  /** The stack's region; every component gets it, so its `defaultTags` reach every resource. */
  aws: aws.Provider;
}

/** The explicit AWS providers of the stack. Default providers are never used (see README). */
export function createProviders(config: PlatformConfig): Providers {
  return {
    aws: new aws.Provider("aws", {
      region: config.region as aws.Region,
      defaultTags: { tags: requiredTags(config) },
    }),
  };
}
