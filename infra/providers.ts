import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { PlatformConfig } from "./config";
import { requiredTags } from "./tagging";

export interface Providers {
  /** The stack's region; every component gets it, so its `defaultTags` reach every resource. */
  aws: aws.Provider;
  /** Generated values (e.g. the Grafana admin password); explicit like every other provider. */
  random: random.Provider;
}

/** The explicit AWS providers of the stack. Default providers are never used (see README). */
export function createProviders(config: PlatformConfig): Providers {
  return {
    aws: new aws.Provider("aws", {
      region: config.region as aws.Region,
      defaultTags: { tags: requiredTags(config) },
    }),
    random: new random.Provider("random"),
  };
}
