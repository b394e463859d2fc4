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

/** The database's defaults (see `infra/sections/database.ts` for the rules they must meet). */
export interface DatabaseProfile {
  /** PostgreSQL `major.minor`, pinned (auto minor upgrades are off so the pin holds). */
  engineVersion: string;
  /** RDS instance class of the primary and the replicas (a class of `lib/rds.ts`). */
  instanceClass: string;
  /** Initial gp3 storage in GiB. */
  allocatedStorage: number;
  /** Storage autoscaling ceiling in GiB (greater than `allocatedStorage`). */
  maxAllocatedStorage: number;
  /** A synchronous standby in a second AZ (required where `highAvailability`). */
  multiAz: boolean;
  /** Same-region read replicas, each in its own AZ. */
  replicaCount: number;
  /** Days of automated backups (point-in-time recovery window). */
  backupRetentionDays: number;
  /** Daily backup window, UTC, `hh:mm-hh:mm`, at least 30 minutes. */
  backupWindow: string;
  /** Weekly maintenance window, UTC, `ddd:hh:mm-ddd:hh:mm`, not overlapping the backup window. */
  maintenanceWindow: string;
  /** Retention of the exported `postgresql`/`upgrade` logs, in days (a CloudWatch-allowed value). */
  logRetentionDays: number;
  /** Region that receives replicated automated backups (and the optional DR replica); unset: none. */
  drRegion?: string;
  /** RDS Proxy in front of the writer (bills at least 2 vCPU-hours per hour). */
  proxy: boolean;
  /** Share of the writer's max_connections the proxy (or, without it, the services) may use. */
  proxyMaxConnectionsPercent: number;
  /** Connection pool size per service on the writer; their sum must fit the connection budget. */
  connectionPools: Record<string, number>;
}

/** `SPOT` (cheaper, reclaimable on two minutes' notice) or `ON_DEMAND`. */
export type CapacityType = "ON_DEMAND" | "SPOT";

export interface NodeGroupProfile {
  /** `ON_DEMAND` or `SPOT` (Spot only where the profile's `spotAllowed` is true). */
  capacityType: CapacityType;
  /**
   * Graviton (arm64) instance types, e.g. `m7g.large`; several types ease Spot capacity. Keep the
   * same vCPU and memory across the list: cluster-autoscaler sizes a group by its first type.
   */
  instanceTypes: string[];
  minSize: number;
  desiredSize: number;
  maxSize: number;
  /** Root volume size in GiB. */
  diskSizeGiB: number;
}

export interface NamespaceQuotaProfile {
  requestsCpu: string;
  requestsMemory: string;
  limitsCpu: string;
  limitsMemory: string;
  pods: number;
}

export interface ClusterProfile {
  /** CIDRs allowed on the public API endpoint; empty = public endpoint off (private only). */
  publicAccessCidrs: string[];
  /** Retention of the control-plane log group, in days (a CloudWatch-allowed value). */
  controlPlaneLogRetentionDays: number;
  /** Whether the `apps` group may run on Spot (never the `system` group). */
  spotAllowed: boolean;
  nodeGroups: { system: NodeGroupProfile; apps: NodeGroupProfile };
  /** ResourceQuota of each application namespace. */
  namespaceQuota: NamespaceQuotaProfile;
}

export interface ObservabilityProfile {
  /** How long Prometheus keeps samples, in days. */
  prometheusRetentionDays: number;
  /** Size of each Prometheus replica's gp3 volume, in GiB (must hold the retention window). */
  prometheusVolumeGiB: number;
  /** Prometheus replicas (each scrapes everything; 2 survive the loss of one node or AZ). */
  prometheusReplicas: number;
  /** Size of Grafana's gp3 volume (its SQLite database: users, preferences, annotations), in GiB. */
  grafanaVolumeGiB: number;
  /** Retention of the per-namespace container log groups, in days (a CloudWatch-allowed value). */
  logRetentionDays: number;
  /** Share of traces the collector keeps and sends to X-Ray, in percent (1-100). */
  traceSamplingPercent: number;
  /** Archive container logs to S3 (subscription filter -> Firehose -> S3). */
  logArchive: boolean;
  /** Days after which archived logs move to S3 Glacier Flexible Retrieval. */
  logArchiveGlacierDays: number;
  /** Days after which archived logs are deleted. */
  logArchiveExpireDays: number;
  /** A CloudWatch Synthetics canary against the public API health URL, alarmed. */
  canary: boolean;
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

/**
 * Usage the offline cost estimate cannot read from the program: traffic and log volumes per month.
 * They are assumptions, printed beside every figure they drive; replace them with Cost Explorer's
 * numbers once the stack has run for a month.
 */
export interface UsageAssumptions {
  /** GB per month processed by the NAT gateways (image pulls, third-party APIs). */
  natGbPerMonth: number;
  /** GB per month CloudFront serves to viewers. */
  cloudfrontGbPerMonth: number;
  /** Millions of HTTPS requests per month at CloudFront. */
  cloudfrontRequestsMillions: number;
  /** Millions of requests per month each web ACL inspects. */
  wafRequestsMillions: number;
  /** Average load balancer capacity units of the ALB over the month. */
  albAverageLcu: number;
  /** GB per month ingested into CloudWatch Logs (all log groups). */
  logIngestGbPerMonth: number;
  /** GB held in CloudWatch Logs on average (ingest times retention). */
  logStoredGb: number;
}

/**
 * Out-of-hours scale-down (dev): node groups to zero and the database stopped outside working
 * hours, started again each working morning. Times are local to `timezone`.
 */
export interface OffHoursProfile {
  /** IANA time zone of the working hours, e.g. Europe/Berlin. */
  timezone: string;
  /** Working days, as an EventBridge Scheduler cron day-of-week range. */
  workingDays: "MON-FRI" | "MON-SAT";
  /** Hour (0-23) the stack is started. */
  startHour: number;
  /** Hour (1-23, after `startHour`) the stack is scaled down. */
  stopHour: number;
}

export interface CostProfile {
  /**
   * Region whose list prices the offline estimate uses for this stack's region. Unset: the
   * stack's own region. Set it only when the price table has no rows for the stack's region, and
   * say so: the estimate prints it beside the total.
   */
  priceRegion?: string;
  usage: UsageAssumptions;
  /** AWS Budgets: monthly cost budget of the stack (resources tagged with its Environment), USD. */
  monthlyBudgetUsd: number;
  /** Percentages of the budget at which actual spend notifies. */
  actualThresholdsPercent: number[];
  /** Percentages of the budget at which forecasted spend notifies. */
  forecastedThresholdsPercent: number[];
  /** Cost Anomaly Detection: notify when an anomaly's total impact reaches this many USD. */
  anomalyThresholdUsd: number;
  /** Out-of-hours scale-down; unset: always on (required where `highAvailability`). */
  offHours?: OffHoursProfile;
}

export interface EnvironmentProfile {
  /** Whether the environment must survive the loss of one AZ (checked against the sections). */
  highAvailability: boolean;
  /** Protect stateful resources (`protect`, deletion protection) from a mistaken `up`/`destroy`. */
  protectStatefulResources: boolean;
  network: NetworkProfile;
  database: DatabaseProfile;
  cluster: ClusterProfile;
  observability: ObservabilityProfile;
  edge: EdgeProfile;
  cost: CostProfile;
}
