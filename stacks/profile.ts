/**
 * The shape of an environment profile: the defaults that differ between dev, staging and prod.
 * `Pulumi.<stack>.yaml` may override any section field; `infra/config.ts` validates the merged
 * result. Every field's default in the profiles is the production-safe value unless the profile
 * says why a cheaper choice is fine for that environment.
 */
export type EnvironmentName = "dev" | "staging" | "prod";

/** How NAT gateways are laid out (the awsx `NatGatewayStrategy` values we allow). */
export type NatStrategy = "Single" | "OnePerAz";

export interface NetworkProfile {
  /** Number of availability zones to span (2 or 3). */
  azCount: number;
  /** One shared NAT gateway (cheap, single point of failure) or one per AZ (HA). */
  natStrategy: NatStrategy;
  /** Retention of the VPC flow-log group, in days (a CloudWatch-allowed value). */
  flowLogRetentionDays: number;
  /** Create interface endpoints (ECR, STS, Secrets Manager, Logs, SSM): ~7 USD/month each per AZ. */
  interfaceEndpoints: boolean;
}

/** CloudFront price classes: which edge locations serve the distribution (CloudFront pricing page). */
export type PriceClass = "PriceClass_100" | "PriceClass_200" | "PriceClass_All";

export interface EdgeProfile {
  /** WAF rate-based rule: requests per 5 minutes per client IP before blocking. */
  wafRateLimit: number;
  /** Add the AWS managed anonymous-IP rule group (VPNs, Tor, hosting providers) to the Web ACLs. */
  blockAnonymousIps: boolean;
  /** Days before ALB and CloudFront access-log objects expire. */
  accessLogExpiryDays: number;
  /** Retention of the WAF log groups, in days (a CloudWatch-allowed value). */
  wafLogRetentionDays: number;
  /** CloudFront price class (edge locations used). */
  priceClass: PriceClass;
  /** AWS Shield Advanced protections for the ALB and the distribution (3,000 USD/month per organization). */
  shieldAdvanced: boolean;
}

export interface EnvironmentProfile {
  /** Whether the environment must survive the loss of one AZ (checked against the sections). */
  highAvailability: boolean;
  /** Protect stateful resources (`protect`, deletion protection) from a mistaken `up`/`destroy`. */
  protectStatefulResources: boolean;
  network: NetworkProfile;
  edge: EdgeProfile;
}
