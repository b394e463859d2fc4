import * as aws from "@pulumi/aws";
import * as pagerduty from "@pulumi/pagerduty";
import * as random from "@pulumi/random";
import { PlatformConfig } from "./config";
import { requiredTags } from "./tagging";

export interface Providers {
  /** The stack's region; every component gets it, so its `defaultTags` reach every resource. */
  aws: aws.Provider;
  /** The database's DR region (`database.drRegion`), same default tags; only when that is set. */
  dr?: aws.Provider;
  /** Generated values (e.g. the Grafana admin password); explicit like every other provider. */
  random: random.Provider;
  /**
   * us-east-1, with the same `defaultTags`: CloudFront only accepts ACM certificates and
   * CLOUDFRONT-scope WAF Web ACLs (and their log groups, log-delivery sources) from us-east-1.
   */
  usEast1: aws.Provider;
  /** PagerDuty (on-call as code), only with `onCall.enabled`; its token is the secret `pagerDutyToken`. */
  pagerduty?: pagerduty.Provider;
}

/** The explicit AWS providers of the stack. Default providers are never used (see README). */
export function createProviders(config: PlatformConfig): Providers {
  const defaultTags = { tags: requiredTags(config) };
  const drRegion = config.database.drRegion;
  return {
    aws: new aws.Provider("aws", { region: config.region as aws.Region, defaultTags }),
    dr: drRegion ? new aws.Provider("aws-dr", { region: drRegion as aws.Region, defaultTags }) : undefined,
    random: new random.Provider("random"),
    usEast1: new aws.Provider("aws-us-east-1", { region: "us-east-1", defaultTags }),
    pagerduty:
      config.onCall.enabled && config.onCall.pagerDutyToken
        ? new pagerduty.Provider("pagerduty", { token: config.onCall.pagerDutyToken })
        : undefined,
  };
}
