import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * The one helper that builds physical (AWS-side) names: `<project>-<stack>-<name>`, within each
 * service's length and character rules. Logical (Pulumi) names stay short and key-derived; only
 * physical names go through here.
 *
 * A name that does not fit is shortened and given a 6-character hash of the full name, so two long
 * names that share a prefix still differ and the same input always gives the same name.
 */
export type NameKind =
  /** ALB / NLB names: 32 characters, letters, digits and hyphens. */
  | "loadBalancer"
  /** Target group names: 32 characters, letters, digits and hyphens. */
  | "targetGroup"
  /** IAM role and policy names: 64 characters. */
  | "iamRole"
  /** S3 bucket names: 63 characters, lower case, digits, hyphens. */
  | "bucket"
  /** RDS identifiers: 63 characters, start with a letter, no double hyphen. */
  | "rdsIdentifier"
  /** EKS cluster names: 100 characters. */
  | "eksCluster"
  /** Security group names: 255 characters; kept short for readability. */
  | "securityGroup"
  /** CloudWatch log group names: 512 characters, `/` allowed. */
  | "logGroup"
  /** CloudWatch Synthetics canary names: 21 characters, lower case, digits, `-` and `_`. */
  | "canary"
  /** ElastiCache replication group, user and user group ids: 40 characters, start with a letter, no double hyphen. */
  | "elasticache"
  /** Everything else: 63 characters, lower-case letters, digits and hyphens. */
  | "default";

/** Maximum lengths per kind, from each service's API reference (CreateLoadBalancer, CreateRole, ...). */
export const NAME_LIMITS: Record<NameKind, number> = {
  loadBalancer: 32,
  targetGroup: 32,
  iamRole: 64,
  bucket: 63,
  rdsIdentifier: 63,
  eksCluster: 100,
  securityGroup: 255,
  logGroup: 512,
  canary: 21,
  elasticache: 40,
  default: 63,
};

export class Naming {
  /** The shared prefix of every physical name of this stack: `<project>-<stack>`. */
  readonly prefix: string;

  constructor(
    readonly project: string,
    readonly stack: string,
  ) {
    this.prefix = sanitize(`${project}-${stack}`);
  }

  /** The physical name of resource `name` of the given kind, e.g. `b2b-commerce-prod-api`. */
  physical(name: string, kind: NameKind = "default"): string {
    const full = sanitize(`${this.prefix}-${name}`);
    return fit(full, NAME_LIMITS[kind]);
  }

  /**
   * An S3 bucket name, unique per account and region: `<project>-<stack>-<name>-<account>-<region>`.
   * Bucket names are global across every AWS account, so `<project>-<stack>-<name>` alone fails with
   * BucketAlreadyExists for anyone whose project and stack names are common. The account and
   * region suffix is kept whole; only the stem is shortened to fit 63 characters.
   */
  bucket(name: string, accountId: pulumi.Input<string>, region: string): pulumi.Output<string> {
    return pulumi.output(accountId).apply((account) => {
      const suffix = sanitize(`${account}-${region}`);
      return `${fit(sanitize(`${this.prefix}-${name}`), NAME_LIMITS.bucket - suffix.length - 1)}-${suffix}`;
    });
  }

  /**
   * A pattern (`<stem>-*`) matching `bucket(name, ...)` in every account and region, for configs
   * that name buckets before the account is known (the pack's `sseS3Buckets`). Throws when the
   * stem could be shortened, which the pattern would then miss.
   */
  bucketPattern(name: string): string {
    const stem = sanitize(`${this.prefix}-${name}`);
    // The longest suffix: a 12-digit account and a region such as ap-southeast-2 or us-gov-west-1.
    if (stem.length > NAME_LIMITS.bucket - "-123456789012-ap-southeast-2".length - 1)
      throw new Error(`bucket stem ${stem} is too long for a stable pattern`);
    return `${stem}-*`;
  }

  /** A CloudWatch log group path such as `/b2b-commerce/prod/vpc-flow-logs`. */
  logGroup(name: string): string {
    return fit(`/${this.project}/${this.stack}/${sanitize(name)}`, NAME_LIMITS.logGroup);
  }
}

function sanitize(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
}

function fit(name: string, limit: number): string {
  if (name.length <= limit) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 6);
  return `${name.slice(0, limit - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
